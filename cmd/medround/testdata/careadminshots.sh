#!/usr/bin/env bash
# careadminshots.sh: the README's screenshots of the forms where the plans are written: a GP's
# approval of a homely remedy (landscape), the home's list filled in by a scan of its stock pack
# and a covert plan (portrait), taken under Xvfb as careshots.sh takes the others, on a fresh demo
# home whose list has paracetamol and senna, with Harold Pilling (R104) approved paracetamol and
# under a covert plan.
#
#   bash cmd/medround/testdata/careadminshots.sh [OUT_DIR]     (default assets/screenshots)
#
# Needs: xvfb xdotool x11-apps imagemagick. The points clicked are where the buttons are on
# R104's page: if the page's layout changes, look at the PNGs and move them.
set -euo pipefail
cd "$(dirname "$0")/../../.."
out=$(realpath -m "${1:-assets/screenshots}")
mkdir -p "$out"
export LANG=C.UTF-8
for t in Xvfb xdotool xwd convert; do
  command -v $t >/dev/null || { echo "careadminshots: missing $t (apt-get install xvfb xdotool x11-apps imagemagick)" >&2; exit 1; }
done
bin=$(mktemp -d)
trap 'kill ${app_pid:-} ${xvfb_pid:-} 2>/dev/null || true; rm -rf "$bin"' EXIT
go build -tags migrated_fynedo -o "$bin/medround" ./cmd/medround
CGO_ENABLED=0 go build -o "$bin/medroundctl" ./cmd/medroundctl
ctl() { "$bin/medroundctl" --data "$bin/data" "$@" >/dev/null; }
ctl demo
ctl homely add --id PARA --pack 05000000000142 --name "Paracetamol 500mg tablets (home stock)" --ingredient 387517004 \
  --strength-mg 500 --dose 2 --unit tablet --interval 4h --max 8 --days 2 --user meg --pin 3333
ctl homely add --id SENNA --pack 05000000000296 --name "Senna 7.5mg tablets (home stock)" --ingredient senna \
  --dose 2 --unit tablet --interval 24h --max 2 --days 3 --user meg --pin 3333
ctl homely approve --resident R104 --id PARA --gp "Dr Shah" --on "$(date -u -d '-10 days' +%Y-%m-%d)" \
  --review "$(date -u -d '+6 months' +%Y-%m-%d)" --user sam --pin 2222
ctl covert set --resident R104 --capacity "$(date -u -d '-2 months' +%Y-%m-%d)" --best-interests "$(date -u -d '-2 months +2 days' +%Y-%m-%d)" \
  --agreed "Dr Shah (GP), J Patel (pharmacist), daughter" --how "crush and mix with a spoon of yoghurt" \
  --review "$(date -u -d '+1 month' +%Y-%m-%d)" --user sam --pin 2222

name=careadminshots
settle=2.5
# An empty spot: the window has the keyboard before the first scan.
after_start() { xdotool mousemove 200 700 click 1; sleep 0.5; }
. cmd/medround/testdata/xvfbapp.sh

start 1280x800
wedge STAFF:meg 2; wedge 3333 3; wedge R104 2
click 1167 484 # Homely remedies
click 123 600  # Record a new approval (paracetamol)
shot homely-approval-1280x800
stop_app

start 800x1280
wedge STAFF:meg 2; wedge 3333 3; wedge R104 2
click 700 571 # Change the plan
shot covert-plan-800x1280
click 700 130 # Back to resident
click 690 697 # Homely remedies
click 600 1250 # Add a remedy to the list
xdotool type --delay 20 0; sleep 0.5 # a key a person typed: the scan that follows starts afresh
wedge 05000000000142 2
shot homely-remedy-800x1280
stop_app
