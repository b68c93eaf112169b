# xvfbapp.sh: sourced by the screenshot scripts (shots.sh, careshots.sh, careadminshots.sh) to run
# the app they built in "$bin" on the data in "$bin/data" under a private Xvfb, drive it as a care
# worker would, and save PNGs in "$out". $name is the script's name, for its messages; $settle is
# how long the app is given to draw after its window shows (seconds, default 1.5); a script that
# defines after_start has it called once the app is up.
d=90; while [ -e /tmp/.X$d-lock ]; do d=$((d+1)); done
export DISPLAY=:$d
start() { # start WxH [THEME]: Xvfb of that size and the app filling it
  Xvfb :$d -screen 0 "$1x24" >/dev/null 2>&1 & xvfb_pid=$!
  sleep 0.5
  FYNE_THEME=${2:-dark} "$bin/medround" --data "$bin/data" --size "$1" >"$bin/app.log" 2>&1 & app_pid=$!
  for _ in $(seq 1 600); do
    xdotool search --onlyvisible --pid $app_pid >/dev/null 2>&1 && break
    kill -0 $app_pid 2>/dev/null || { echo "$name: the app exited:" >&2; cat "$bin/app.log" >&2; exit 1; }
    sleep 0.05
  done
  sleep "${settle:-1.5}"
  if declare -F after_start >/dev/null; then after_start; fi
}
stop_app() { kill $app_pid $xvfb_pid; wait $app_pid $xvfb_pid 2>/dev/null || true; app_pid= xvfb_pid=; }
wedge() { xdotool type --delay 4 "$1"$'\r'; sleep "${2:-1}"; }
click() { xdotool mousemove "$1" "$2" click 1; sleep "${3:-1}"; }
shot() { xwd -root -silent | convert xwd:- "$out/$1.png"; echo "$out/$1.png"; }
