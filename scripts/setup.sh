#!/usr/bin/env bash
# Set up everything motcua needs on a Debian/Ubuntu machine, idempotently:
# the system packages (Qt's libraries, espeak-ng, PostgreSQL and Chromium for
# the tests), a .venv with Python 3.11+ and the project in it.
#
#   scripts/setup.sh                   runtime only (what the kiosk runs)
#   scripts/setup.sh --dev             also the test and training tools
#   scripts/setup.sh --virtual-screen  also Xvfb, for the demo on a machine with no display
#
# A second run that finds everything in place changes nothing and takes a
# second or two.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

extras=""
with_test_system=0
with_virtual_screen=0
for arg in "$@"; do
  case "$arg" in
    --dev) extras="[dev,train]"; with_test_system=1 ;;
    --virtual-screen) with_virtual_screen=1 ;;
    *) echo "setup.sh: unknown option $arg (use --dev or --virtual-screen)" >&2; exit 2 ;;
  esac
done

# --- system packages ---------------------------------------------------------
# Qt Quick (PySide6 wheels) needs EGL/GL, xkbcommon, fontconfig, D-Bus and, for
# the xcb platform under Xvfb, the xcb helper libraries; speech needs espeak-ng
# and aplay; pip needs the CA bundle. The test suite also needs PostgreSQL
# (hall mode), Chromium (the phone page), Xvfb with xauth (xvfb-run stops
# without it, and it is only a recommendation of xvfb), shellcheck, git (for
# contributors; the tests themselves do not need it) and libatomic1 (Playwright's
# bundled Node driver links it). A minimal Debian (debootstrap minbase) has
# none of these; scripts/fresh-machine-check.sh proves the list is complete.
# fonts-noto-core (a font without Vietnamese) lets doctor's font check be tested.
runtime_pkgs=(
  ca-certificates python3 python3-venv python3-dev
  libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
  libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xkb1 libxrender1
  espeak-ng libespeak-ng1 alsa-utils
)
virtual_screen_pkgs=(xvfb xauth)
test_pkgs=(postgresql chromium chromium-driver shellcheck git libatomic1 fonts-noto-core "${virtual_screen_pkgs[@]}")

pkgs=("${runtime_pkgs[@]}")
if [ "$with_test_system" = 1 ]; then pkgs+=("${test_pkgs[@]}"); fi
if [ "$with_virtual_screen" = 1 ]; then pkgs+=("${virtual_screen_pkgs[@]}"); fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null; then sudo="sudo"; else
      echo "setup: need root (or sudo) to install: ${missing[*]}" >&2; exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# --- Python ------------------------------------------------------------------
py=""
for cand in python3.13 python3.12 python3.11 python3; do
  if command -v "$cand" >/dev/null &&
     "$cand" -c 'import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] < (3, 14) else 1)'; then
    py=$(command -v "$cand"); break
  fi
done
if [ -z "$py" ]; then
  echo "setup: Python 3.11, 3.12 or 3.13 is needed" >&2; exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $py"
  "$py" -m venv .venv
fi

# Reinstall only when the dependencies changed (pyproject.toml or the extras).
stamp=".venv/.motcua-installed"
want="$(sha256sum pyproject.toml | cut -d' ' -f1) $extras"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing motcua$extras into .venv"
  # a current setuptools too: the packaging tests build the wheel without isolation
  .venv/bin/python -m pip install -q --upgrade pip "setuptools>=68" wheel
  .venv/bin/python -m pip install -q -e ".$extras"
  echo "$want" > "$stamp"
fi
echo "setup: ready"
