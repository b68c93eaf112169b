#!/usr/bin/env bash
# smoke.sh: start the real medround app under Xvfb on a fresh demo home, sign in (badge scanned,
# PIN typed in its box) and do one dose with keyboard-wedge scans typed by xdotool (each ended by Return), take a screenshot, and check
# with medroundctl that the record landed in the store.
#
#   bash cmd/medround/testdata/smoke.sh bin/medround bin/medroundctl [OUT_DIR]
#
# Needs: xvfb xdotool x11-apps imagemagick. The demo home follows the real clock, so the script asks
# medroundctl which of R101's packs the check passes now: a regular dose when a round's window is
# open, else a when-required one (which also needs its reason typed).
set -euo pipefail
app=$(realpath "$1"); ctl=$(realpath "$2"); out=${3:-$(mktemp -d)}
mkdir -p "$out"
export LANG=C.UTF-8
for t in Xvfb xdotool xwd convert; do
  command -v $t >/dev/null || { echo "smoke: missing $t (apt-get install xvfb xdotool x11-apps imagemagick)" >&2; exit 1; }
done
data=$(mktemp -d)
trap 'kill ${app_pid:-} ${xvfb_pid:-} 2>/dev/null; rm -rf "$data"' EXIT
"$ctl" --data "$data" demo >/dev/null

expiry=$(date -u -d '+1 year' +%y%m%d)
pack_of() { # GTINs of the demo formulary (demo.GTIN)
  case $1 in
    amlodipine) echo 05000045600024 ;; metformin) echo 05000045600031 ;; omeprazole) echo 05000045600208 ;;
    lactulose) echo 05000045600147 ;; paracetamol) echo 05000045600017 ;; gaviscon) echo 05000045600215 ;;
  esac
}
chosen= prn=
for med in amlodipine omeprazole metformin lactulose paracetamol gaviscon; do
  code="(01)$(pack_of $med)(17)${expiry}(10)SMOKE1"
  if "$ctl" --data "$data" check --resident R101 --pack "$code" >/dev/null 2>&1; then
    chosen=$code; case $med in paracetamol|gaviscon) prn=1 ;; esac; break
  fi
done
[ -n "$chosen" ] || { echo "smoke: no pack of R101 passes the check now" >&2; exit 1; }
before=$("$ctl" --data "$data" history R101 | wc -l)

d=90; while [ -e /tmp/.X$d-lock ]; do d=$((d+1)); done
Xvfb :$d -screen 0 1280x800x24 >/dev/null 2>&1 & xvfb_pid=$!
sleep 0.5
export DISPLAY=:$d
"$app" --data "$data" --size 1280x800 >"$out/smoke-app.log" 2>&1 & app_pid=$!
for _ in $(seq 1 600); do
  xdotool search --onlyvisible --pid $app_pid >/dev/null 2>&1 && break
  kill -0 $app_pid 2>/dev/null || { echo "smoke: the app exited; see $out/smoke-app.log" >&2; exit 1; }
  sleep 0.05
done
sleep 1.5
# A scanner types the code and its Return in one burst (barcode.Wedge drops keys typed at a
# person's pace), so the Return (\r: xdotool types \n as Linefeed, which Fyne does not name) goes in the same call.
wedge() { xdotool type --delay 4 "$1"$'\r'; sleep "${2:-1}"; }
# A PIN is typed by a person, never scanned (a scan is not tried as one): after the badge, click
# the PIN box and type the PIN at a person's pace.
wid=$(xdotool search --onlyvisible --pid $app_pid | head -1)
wedge "STAFF:amy"
xdotool mousemove --window "$wid" 1090 211 click 1; sleep 0.3
xdotool type --delay 120 1111; xdotool key Return; sleep 2
wedge R101; wedge "$chosen" 1.5
if [ -n "$prn" ]; then
  # Alt+G with a field still empty goes to it (the when-required reason); Return in it hands the
  # keys back to the window.
  xdotool key alt+g; sleep 0.3; xdotool type --delay 4 "smoke test: pain"$'\r'; sleep 0.3
fi
xwd -root -silent | convert xwd:- "$out/smoke-verdict.png"
xdotool key alt+g   # Given from the keyboard: a modifier, so no scanner suffix can send it
sleep 1.5
xwd -root -silent | convert xwd:- "$out/smoke-recorded.png"
kill $app_pid; wait $app_pid 2>/dev/null || true
app_pid=

after=$("$ctl" --data "$data" history R101 | wc -l)
if [ "$after" -ne $((before + 1)) ]; then
  echo "smoke: FAIL: R101 had $before records before and $after after; screenshots in $out" >&2
  exit 1
fi
"$ctl" --data "$data" history R101 | tail -1 | grep -q "given .* by amy" || {
  echo "smoke: FAIL: the last record is not a dose given by amy; screenshots in $out" >&2; exit 1; }
echo "smoke: ok: a dose scanned by wedge and recorded by amy landed in the store ($out/smoke-recorded.png)"
