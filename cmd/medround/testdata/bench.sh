#!/usr/bin/env bash
# bench.sh: start-up and memory of medround beside a minimal Fyne window (one list of 100 labels),
# both built with -tags migrated_fynedo and run under the same Xvfb, RUNS times each.
#
#   bash cmd/medround/testdata/bench.sh [RUNS]
#
# Start-up is from exec to the window mapped (xdotool sees it) plus the first frame settling;
# for medround that window is the sign-in screen over the 100-resident demo home. RSS is read
# from /proc after the window has shown for 2 s.
set -euo pipefail
runs=${1:-5}
cd "$(dirname "$0")/../../.."
export LANG=C.UTF-8
bin=$(mktemp -d); trap 'kill ${xp:-} 2>/dev/null; rm -rf "$bin"' EXIT
go build -tags migrated_fynedo -o "$bin/medround" ./cmd/medround
go build -tags migrated_fynedo -o "$bin/minwindow" ./cmd/medround/internal/minwindow
CGO_ENABLED=0 go build -o "$bin/medroundctl" ./cmd/medroundctl
"$bin/medroundctl" --data "$bin/data" demo --residents 100 >/dev/null
d=90; while [ -e /tmp/.X$d-lock ]; do d=$((d+1)); done
Xvfb :$d -screen 0 1280x800x24 >/dev/null 2>&1 & xp=$!
sleep 0.5
export DISPLAY=:$d
measure() { # prints seconds-to-window and RSS in MB
  local t0 p t1 rss
  t0=$(date +%s.%N)
  "$@" >/dev/null 2>&1 & p=$!
  until xdotool search --onlyvisible --pid $p >/dev/null 2>&1; do sleep 0.005; done
  t1=$(date +%s.%N)
  sleep 2
  rss=$(awk '/VmRSS/ {print $2/1024}' /proc/$p/status)
  kill $p; wait $p 2>/dev/null || true
  echo "$(echo "$t1 - $t0" | bc) $rss"
}
for name in minwindow medround; do
  args=("$bin/$name"); [ $name = medround ] && args+=(--data "$bin/data")
  for _ in $(seq 1 "$runs"); do echo "$name $(measure "${args[@]}")"; done
done | awk '{n[$1]++; s[$1]+=$2; r[$1]+=$3} END {for (k in n) printf "%-10s start %.3f s  rss %.0f MB  (mean of %d)\n", k, s[k]/n[k], r[k]/n[k], n[k]}'
