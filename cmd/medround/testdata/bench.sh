#!/usr/bin/env bash
# bench.sh: start-up and memory of medround beside a minimal Fyne window (one list of 100 labels),
# both built with -tags migrated_fynedo and run under the same Xvfb, RUNS times each.
#
#   bash cmd/medround/testdata/bench.sh [RUNS] [RESIDENTS]
#
# Start-up is from exec to the window mapped (xdotool sees it) plus the first frame settling;
# for medround that window is the sign-in screen over the 100-resident demo home. RSS is read
# from /proc after the window has shown for 2 s.
#
# Then a round of RESIDENTS residents (default 5; 100 is the whole home), driven as a care worker with a keyboard-wedge scanner would, by
# xdotool: sign in by badge and PIN, and for each resident on the first page scan the wristband,
# scan a pack the check passes now, Alt+G (with the when-required reason typed when one is asked
# for), Escape back to the round. The app runs with MEDROUND_TRACE=1 and logs, for each pack scan,
# the time from its Return to the frame that paints the verdict. RSS is read after the round.
set -euo pipefail
runs=${1:-5}
round_n=${2:-5}
cd "$(dirname "$0")/../../.."
export LANG=en_GB.UTF-8
bin=$(mktemp -d); trap 'kill ${xp:-} 2>/dev/null; rm -rf "$bin"' EXIT
go build -tags migrated_fynedo -o "$bin/medround" ./cmd/medround
go build -tags migrated_fynedo -o "$bin/minwindow" ./tools/minwindow
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

gtin() { # the demo formulary's GTIN-14 number i (demo.GTIN)
  local body sum=0 k d
  body=$(printf "050000456%04d" "$1")
  for k in $(seq 0 12); do d=${body:12-k:1}; if [ $((k % 2)) -eq 0 ]; then sum=$((sum + 3*d)); else sum=$((sum + d)); fi; done
  echo "$body$(( (10 - sum % 10) % 10 ))"
}
passing_pack() { # a pack of resident $1 the check passes now, not a controlled drug; "prn" after it if PRN
  local i code out
  for i in $(seq 1 21); do
    code="(01)$(gtin "$i")(17)$(date -u -d '+1 year' +%y%m%d)(10)BENCH"
    out=$("$bin/medroundctl" --data "$bin/data" --json check --resident "$1" --pack "$code" 2>/dev/null) || continue
    grep -q WITNESS <<<"$out" && continue
    if grep -q '"prn": true' <<<"$out"; then echo "$code prn"; else echo "$code"; fi
    return
  done
}
key() { xdotool type --delay 4 "$1"$'\r'; sleep "${2:-0.6}"; }
# Ask medroundctl first: the app holds the store's lock while it runs.
declare -A packs
for n in $(seq 1 "$round_n"); do packs[$n]=$(passing_pack "R$((100 + n))"); done
MEDROUND_TRACE=1 "$bin/medround" --data "$bin/data" >"$bin/round.log" 2>&1 & p=$!
until xdotool search --onlyvisible --pid $p >/dev/null 2>&1; do sleep 0.05; done
sleep 1.5
key STAFF:amy; key 1111 1.5
recorded=0
for n in $(seq 1 "$round_n"); do
  read -r pack prn <<<"${packs[$n]}" || true
  key "R$((100 + n))" 1
  if [ -n "${pack:-}" ]; then
    key "$pack" 1
    if [ -n "${prn:-}" ]; then xdotool key alt+g; sleep 0.3; key "bench: pain" 0.3; fi
    xdotool key alt+g; sleep 1; recorded=$((recorded + 1))
  fi
  xdotool key Escape; sleep 0.8
done
sleep 2
rss=$(awk '/VmRSS/ {print $2/1024}' /proc/$p/status)
kill $p; wait $p 2>/dev/null || true
printf "%-10s after a round of %d residents (%d doses recorded): rss %.0f MB\n" medround "$round_n" "$recorded" "$rss"
awk '/scan-to-verdict-painted/ {n++; s+=$2; if ($2>m) m=$2} END {if (n) printf "%-10s scan Return to verdict painted: mean %.1f ms, worst %.1f ms (%d pack scans)\n", "medround", s/n, m, n}' "$bin/round.log"
