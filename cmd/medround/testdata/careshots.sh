#!/usr/bin/env bash
# careshots.sh: the README's screenshots of the body map and the resident's care plans, taken
# under Xvfb as shots.sh takes the others: a fresh demo home with the example rivastigmine patch
# and barrier cream charted for R101 (tools/carechart), a patch put on the right upper arm ten days
# ago and taken off, yesterday's still on the left upper chest, the home's paracetamol approved by
# the GP and a covert plan.
#
#   bash cmd/medround/testdata/careshots.sh [OUT_DIR]     (default assets/screenshots)
#
# Needs: xvfb xdotool x11-apps imagemagick. Alt+G opens the body map while a site is still to be
# chosen; if the map's layout changes, look at the PNGs and move the points below.
set -euo pipefail
cd "$(dirname "$0")/../../.."
out=$(realpath -m "${1:-assets/screenshots}")
mkdir -p "$out"
export LANG=C.UTF-8
for t in Xvfb xdotool xwd convert; do
  command -v $t >/dev/null || { echo "careshots: missing $t (apt-get install xvfb xdotool x11-apps imagemagick)" >&2; exit 1; }
done
bin=$(mktemp -d)
trap 'kill ${app_pid:-} ${xvfb_pid:-} 2>/dev/null || true; rm -rf "$bin"' EXIT
go build -tags migrated_fynedo -o "$bin/medround" ./cmd/medround
CGO_ENABLED=0 go build -o "$bin/medroundctl" ./cmd/medroundctl
go build -o "$bin/carechart" ./tools/carechart
ctl() { "$bin/medroundctl" --data "$bin/data" "$@" >/dev/null; }
ctl demo
{ read -r patch; read -r cream; } < <("$bin/carechart" --data "$bin/data" --resident res-001)
for spec in 10:upper-arm-right 1:chest-left; do
  ctl record --resident R101 --pack "$patch" --outcome given --site "${spec#*:}" --user amy --pin 1111 \
    --at "$(date -u -d "${spec%%:*} days ago 08:05" +%Y-%m-%dT%H:%M:00Z)" --override-reason "put on before the screenshots"
  [ "${spec%%:*}" = 10 ] && ctl patch remove --resident R101 --entry res-001-riva --user amy --pin 1111
done
ctl homely add --id PARA --pack 05000000000142 --name "Paracetamol 500mg tablets (home stock)" --ingredient 387517004 \
  --strength-mg 500 --dose 2 --unit tablet --interval 4h --max 8 --days 2 --user meg --pin 3333
ctl homely approve --resident R101 --id PARA --gp "Dr Shah" --review "$(date -u -d '+3 months' +%Y-%m-%d)" --user sam --pin 2222
ctl covert set --resident R101 --capacity "$(date -u -d '-2 months' +%Y-%m-%d)" --best-interests "$(date -u -d '-2 months +2 days' +%Y-%m-%d)" \
  --agreed "Dr Shah (GP), J Patel (pharmacist), son" --how "crush tablets and mix with a spoon of yoghurt" \
  --review "$(date -u -d '+2 months' +%Y-%m-%d)" --user sam --pin 2222

name=careshots
settle=2.5
. cmd/medround/testdata/xvfbapp.sh
scroll_end() { xdotool mousemove "$1" "$2" click --repeat 30 --delay 40 5; sleep 0.8; }

# size, where the left upper arm's target is on the map, and for the cream in portrait the
# sacrum and both buttocks. Alt+G opens the body map while the site is still to choose.
for spec in "1280x800 557,350" "800x1280 720,368 718,987 86,987 718,1036"; do
  set -- $spec
  size=$1 arm=$2; shift 2
  start "$size"
  wedge STAFF:amy; wedge 1111 2; wedge R101 2
  [ "$size" = 1280x800 ] && shot resident-care-$size
  wedge "$patch" 2
  xdotool key alt+g; sleep 1; click "${arm%,*}" "${arm#*,}"
  shot body-map-$size
  if [ $# -gt 0 ]; then # the cream's areas
    xdotool key Escape; sleep 0.5; xdotool key Escape; sleep 0.5; wedge "$cream" 2
    xdotool key alt+g; sleep 1
    for p in "$@"; do click "${p%,*}" "${p#*,}" 0.5; done
    shot body-map-cream-$size
  fi
  stop_app
done
