#!/usr/bin/env bash
# Set everything up, then open the kiosk with simulated devices and the
# embedded SQLite store (config/default.toml). Extra arguments go to motcua.
#
# With no display (a server, a container, a fresh box over SSH) the kiosk runs
# on a virtual screen (Xvfb, installed by the set-up) and saves a picture of
# itself every few seconds to var/kiosk-screen.png (MOTCUA_SCREENSHOT and
# MOTCUA_SCREENSHOT_EVERY change the file and the period).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  "$here/scripts/setup.sh" --virtual-screen
  export MOTCUA_SCREENSHOT="${MOTCUA_SCREENSHOT:-$here/var/kiosk-screen.png}"
  export MOTCUA_SCREENSHOT_EVERY="${MOTCUA_SCREENSHOT_EVERY:-5}"
  mkdir -p "$(dirname "$MOTCUA_SCREENSHOT")"
  echo "run-demo: no display found; the kiosk runs on a virtual screen (Xvfb)." >&2
  echo "run-demo: a picture of it is saved every ${MOTCUA_SCREENSHOT_EVERY} s to $MOTCUA_SCREENSHOT" >&2
  exec xvfb-run -a -s "-screen 0 1920x1080x24" "$here/.venv/bin/motcua" --simulate "$@"
fi
"$here/scripts/setup.sh"
exec "$here/.venv/bin/motcua" --simulate "$@"
