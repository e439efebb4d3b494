#!/usr/bin/env bash
# Set everything up, then open the kiosk with simulated devices and the
# embedded SQLite store (config/default.toml). Extra arguments go to motcua.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$here/scripts/setup.sh"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "run-demo: no display found; starting the kiosk on a virtual screen (Xvfb)" >&2
  command -v xvfb-run >/dev/null || { echo "run-demo: install xvfb or run on a desktop" >&2; exit 1; }
  exec xvfb-run -a -s "-screen 0 1920x1080x24" "$here/.venv/bin/motcua" --simulate "$@"
fi
exec "$here/.venv/bin/motcua" --simulate "$@"
