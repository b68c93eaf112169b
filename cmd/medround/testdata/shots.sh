#!/usr/bin/env bash
# shots.sh: screenshots of the real medround app for the README, taken under Xvfb on a fresh demo
# home and driven as a care worker would: keyboard-wedge scans typed by xdotool (each ended by
# Return), Alt+G, Escape, and a click where a screen is only reached by a button.
#
#   bash cmd/medround/testdata/shots.sh [OUT_DIR]     (default assets/screenshots)
#
# Needs: xvfb xdotool x11-apps imagemagick. Not part of `make test`: it takes about two minutes and
# its pictures are for people to look at, not to assert on. The demo home follows the real clock,
# so the packs for each verdict are found by asking medroundctl which of them the check passes,
# warns on or stops now. Buttons are clicked where they are drawn in the 1280x800 and 800x1280
# layouts; if a layout changes, look at the PNGs and move the points below.
set -euo pipefail
cd "$(dirname "$0")/../../.."
out=$(realpath -m "${1:-assets/screenshots}")
mkdir -p "$out"
export LANG=C.UTF-8
for t in Xvfb xdotool xwd convert; do
  command -v $t >/dev/null || { echo "shots: missing $t (apt-get install xvfb xdotool x11-apps imagemagick)" >&2; exit 1; }
done
bin=$(mktemp -d)
trap 'kill ${app_pid:-} ${xvfb_pid:-} 2>/dev/null || true; rm -rf "$bin"' EXIT
go build -tags migrated_fynedo -o "$bin/medround" ./cmd/medround
CGO_ENABLED=0 go build -o "$bin/medroundctl" ./cmd/medroundctl
"$bin/medroundctl" --data "$bin/data" demo >/dev/null

gtin() { # the demo formulary's GTIN-14 number i (demo.GTIN)
  local body sum=0 k d
  body=$(printf "050000456%04d" "$1")
  for k in $(seq 0 12); do d=${body:12-k:1}; if [ $((k % 2)) -eq 0 ]; then sum=$((sum + 3*d)); else sum=$((sum + d)); fi; done
  echo "$body$(( (10 - sum % 10) % 10 ))"
}
# find_pack RESIDENT EXIT [WITNESS|NOWITNESS]: a demo pack the check answers with EXIT (0 ok, 10 warn,
# 20 stop) for RESIDENT now, with or without a witness asked for.
find_pack() {
  local i code out rc
  for i in $(seq 1 21); do
    code="(01)$(gtin "$i")(17)$(date -u -d '+1 year' +%y%m%d)(10)SHOT"
    rc=0; out=$("$bin/medroundctl" --data "$bin/data" --json check --resident "$1" --pack "$code" 2>/dev/null) || rc=$?
    [ "$rc" -eq "$2" ] || continue
    case ${3:-} in
      WITNESS) grep -q WITNESS <<<"$out" || continue ;;
      NOWITNESS) grep -q WITNESS <<<"$out" && continue ;;
    esac
    grep -q '"prn": true' <<<"$out" && [ "$2" -ne 20 ] && continue # a PRN dose asks its reason first
    echo "$1 $code"; return
  done
  true
}
first_pack() { # first_pack EXIT [WITNESS|NOWITNESS]: over residents R101..R112
  local r found
  for r in $(seq 101 112); do found=$(find_pack "R$r" "$@"); [ -n "$found" ] && { echo "$found"; return; }; done
  true
}
ok=$(first_pack 0 NOWITNESS); warn=$(first_pack 10 NOWITNESS); stop=$(first_pack 20); cd_pack=$(first_pack 0 WITNESS)
[ -n "$cd_pack" ] || cd_pack=$(first_pack 10 WITNESS)
echo "shots: ok=${ok:-none} warn=${warn:-none} stop=${stop:-none} controlled=${cd_pack:-none}" >&2

name=shots
. cmd/medround/testdata/xvfbapp.sh
sign_in() { wedge "STAFF:$1"; wedge "$2" 2; }

for size in 1280x800 800x1280; do
  w=${size%x*}
  start $size
  shot signin-$size
  sign_in amy 1111; shot round-$size
  wedge R101 1.5; shot resident-$size
  if [ -n "$ok" ]; then set -- $ok; wedge "$1" 1.5; wedge "$2" 1.5; shot verdict-ok-$size; xdotool key Escape; sleep 0.5; fi
  if [ -n "$stop" ]; then set -- $stop; wedge "$1" 1.5; wedge "$2" 1.5; shot verdict-stop-$size; xdotool key Escape; sleep 0.5; fi
  if [ -n "$warn" ]; then
    set -- $warn; wedge "$1" 1.5; wedge "$2" 1.5
    xdotool key alt+g; sleep 0.3 # Alt+G goes to the override reason the warning needs
    xdotool type --delay 20 "resident was at breakfast in the garden"; sleep 0.5
    shot verdict-warn-$size; xdotool key Escape; sleep 0.5
  fi
  if [ -n "$cd_pack" ]; then
    set -- $cd_pack; wedge "$1" 1.5; wedge "$2" 1.5
    wedge STAFF:sam 1 # the witness's badge picks them and moves to their PIN
    xdotool mousemove $((w / 2)) 560 sleep 0.3 click --repeat 10 --delay 80 5; sleep 0.5 # scroll to it
    shot witness-$size; xdotool key Escape; sleep 0.5
  fi
  wedge R101 1.5
  if [ "$w" -eq 1280 ]; then click 1180 124; else click 690 136; fi
  shot choose-by-hand-$size; xdotool key Escape; sleep 0.5
  wedge R101 1.5
  if [ "$w" -eq 1280 ]; then click 1030 124; else click 550 136; fi
  shot history-$size
  if [ "$w" -eq 1280 ]; then # a care worker's correction asks for a senior's approval
    click 1180 228; wedge STAFF:sam 1; shot history-correct-$size
  fi
  stop_app
done

# The manager's settings, and the light theme the status colours were darkened for.
start 1280x800
sign_in meg 3333
click 1200 95 1.5; shot settings-1280x800
stop_app
# A controlled drugs register, from the home's list beside the round's search (seniors, managers).
start 1280x800
sign_in meg 3333
click 1200 160 2; click 400 224 2; shot register-1280x800
stop_app
start 800x1280
sign_in meg 3333
click 712 170 2; click 300 280 2; shot register-800x1280
stop_app
start 1280x800 light
shot signin-light-1280x800
sign_in amy 1111; wedge R101 1.5; shot resident-light-1280x800
if [ -n "$warn" ]; then set -- $warn; wedge "$1" 1.5; wedge "$2" 1.5; shot verdict-warn-light-1280x800; fi
stop_app

# The managers' review, its charts and a dose opened from it, on a demo home with 14 days of
# records so the charts have a fortnight to show.
"$bin/medroundctl" --data "$bin/data14" demo --days 14 >/dev/null
start_review() { # start_review WxH: the app on the 14-day home, signed in as the manager
  Xvfb :$d -screen 0 "$1x24" >/dev/null 2>&1 & xvfb_pid=$!
  sleep 0.5
  FYNE_THEME=dark "$bin/medround" --data "$bin/data14" --size "$1" >"$bin/app.log" 2>&1 & app_pid=$!
  for _ in $(seq 1 600); do xdotool search --onlyvisible --pid $app_pid >/dev/null 2>&1 && break; sleep 0.05; done
  sleep 3 # a fortnight of records takes longer to open
  sign_in meg 3333
}
start_review 1280x800
click 1100 101 2; click 85 287 1.5; shot review-1280x800
click 85 347 1.5; click 600 330 2; shot review-dose-1280x800
click 1170 102 1; click 822 163 3; shot review-chart-1280x800
click 290 156 1.5; shot review-grid-1280x800
stop_app
start_review 800x1280
click 630 111 2; click 480 296 1.5; shot review-800x1280
click 58 231 3; shot review-chart-800x1280
click 290 164 1.5; shot review-grid-800x1280
stop_app

# A PRN dose shows its protocol first, its signs offered as the reason; a senior writes the protocol on
# its own screen (the PRN row's button); a manager reads PRN use and effect by resident from the review.
para="(01)$(gtin 1)(17)$(date -u -d '+1 year' +%y%m%d)(10)SHOT"
for size in 1280x800 800x1280; do
  w=${size%x*}
  start $size
  sign_in sam 2222; wedge R101 1.5; wedge "$para" 1.5; shot prn-protocol-$size; xdotool key Escape; sleep 0.5
  wedge R101 1.5
  if [ "$w" -eq 1280 ]; then click 510 785 1.5; else click 350 1017 1.5; fi # the paracetamol row's PRN protocol
  shot prn-protocol-screen-$size
  stop_app
done
start 1280x800
sign_in meg 3333; click 1100 101 1.5; click 90 710 1.5; shot prn-summary-1280x800
stop_app
