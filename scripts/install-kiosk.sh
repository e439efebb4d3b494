#!/usr/bin/env bash
# Install (or remove) motcua on a kiosk box: Debian 13 / Ubuntu 24.04 /
# Raspberry Pi OS trixie, on ARM64 or x86-64. Run as root from a checkout:
#
#   sudo scripts/install-kiosk.sh [options]
#
# What it does, in order (--dry-run prints every step and changes nothing):
#   1. checks the box: root, CPU, OS release, glibc, Python; refuses an
#      unsupported box with the reason
#   2. installs the system packages (cage, espeak-ng, Qt's libraries, ...)
#   3. creates the `motcua` system user (groups dialout, video, audio, input)
#   4. a venv in /opt/motcua/venv with the kiosk's runtime dependencies only
#   5. the configuration in /etc/motcua/ (an existing one is kept)
#   6. the data folder /var/lib/motcua/ (kept by --uninstall)
#   7. udev rules: the printer as /dev/motcua-printer; touch calibration
#   8. lock-down: no logins on other terminals, no suspend key, no SysRq;
#      a persistent, size-capped journal
#   9. the systemd unit motcua-kiosk.service (full screen under cage at boot,
#      watchdog, restart on failure) and `motcua` on the PATH
#
# A second run with the same options changes nothing. See
# docs/technician-guide.md for the whole procedure.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$SCRIPT_DIR/.." && pwd)
PROG=install-kiosk.sh

# ----------------------------------------------------------------------------- options

DRY_RUN=0
UNINSTALL=0
ROOT=""                 # install into this folder instead of / (tests); no system changes
SOURCE="$REPO_DIR"      # the project folder, or a built wheel
WHEELHOUSE=""           # install Python packages from this folder only (offline)
PIP_OPTIONS=""          # extra options for pip install (tests: --no-deps --no-index)
ROTATION=0              # 0, 90, 180, 270 (clockwise; 90 or 270 for a portrait robot)
TOUCH_MATRIX=""         # libinput calibration matrix, 6 numbers; default from --rotation
PRINTER=""              # VID:PID of a USB printer / adapter, or a kernel name (ttyS0)
DISPLAY_MODE=cage       # cage (Wayland kiosk compositor) or linuxfb (software fallback)
WATCHDOG_SEC=30
SKIP_PACKAGES=0
START=1

usage() {
  cat <<USAGE
usage: $PROG [options]

  --dry-run              print every step; change nothing
  --uninstall            remove motcua; keep /etc/motcua and /var/lib/motcua
  --rotation DEG         screen rotation clockwise: 0, 90, 180 or 270
                         (portrait robot: 90 or 270); rotates the touch panel too
  --touch-matrix "a b c d e f"
                         libinput calibration matrix for the touch panel
  --printer VID:PID      the printer's USB ids (see lsusb), or a serial port's
                         kernel name such as ttyS0 / ttyAMA0; default: the one
                         USB serial device found now
  --display cage|linuxfb cage (default) or the linuxfb software fallback
  --watchdog SECONDS     restart a frozen kiosk after this long (default 30)
  --source PATH          the motcua project folder or wheel (default: this checkout)
  --wheelhouse DIR       install Python packages only from DIR (offline box)
  --no-packages          do not install system packages
  --no-start             install, but do not (re)start the kiosk now
  --root DIR             install under DIR instead of / and change nothing on
                         the system itself (for tests)
  -h, --help             this text
USAGE
}

die() { echo "$PROG: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) DRY_RUN=1 ;;
    --uninstall) UNINSTALL=1 ;;
    --rotation) ROTATION=${2:?--rotation needs 0, 90, 180 or 270}; shift ;;
    --touch-matrix) TOUCH_MATRIX=${2:?--touch-matrix needs six numbers}; shift ;;
    --printer) PRINTER=${2:?--printer needs VID:PID or a kernel name}; shift ;;
    --display) DISPLAY_MODE=${2:?--display needs cage or linuxfb}; shift ;;
    --watchdog) WATCHDOG_SEC=${2:?--watchdog needs seconds}; shift ;;
    --source) SOURCE=${2:?--source needs a path}; shift ;;
    --wheelhouse) WHEELHOUSE=${2:?--wheelhouse needs a folder}; shift ;;
    --pip-options) PIP_OPTIONS=${2:?}; shift ;;
    --no-packages) SKIP_PACKAGES=1 ;;
    --no-start) START=0 ;;
    --root) ROOT=${2:?--root needs a folder}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
  shift
done

case "$ROTATION" in 0|90|180|270) ;; *) die "--rotation must be 0, 90, 180 or 270, not \"$ROTATION\"" ;; esac
case "$DISPLAY_MODE" in cage|linuxfb) ;; *) die "--display must be cage or linuxfb, not \"$DISPLAY_MODE\"" ;; esac
case "$WATCHDOG_SEC" in ''|*[!0-9]*) die "--watchdog must be a whole number of seconds" ;; esac
[ "$WATCHDOG_SEC" -ge 5 ] || die "--watchdog must be at least 5 seconds"
if [ -n "$TOUCH_MATRIX" ]; then
  # shellcheck disable=SC2086  # split on purpose: six numbers
  set -- $TOUCH_MATRIX
  [ $# -eq 6 ] || die "--touch-matrix needs six numbers, e.g. \"0 -1 1 1 0 0\""
  for n in "$@"; do
    [[ "$n" =~ ^-?[0-9]+(\.[0-9]+)?$ ]] || die "--touch-matrix: \"$n\" is not a number"
  done
fi
if [ -n "$PRINTER" ] && ! [[ "$PRINTER" =~ ^[0-9a-fA-F]{4}:[0-9a-fA-F]{4}$ || "$PRINTER" =~ ^tty[A-Za-z0-9]+$ ]]; then
  die "--printer must be VID:PID (e.g. 0483:5743, see lsusb) or a kernel name (e.g. ttyS0)"
fi

# a test root never touches the real system
SYSTEM=1
if [ -n "$ROOT" ]; then
  ROOT=$(mkdir -p "$ROOT" && cd "$ROOT" && pwd)
  SYSTEM=0
fi

PREFIX=/opt/motcua
ETC=/etc/motcua
DATA=/var/lib/motcua
UNIT=/etc/systemd/system/motcua-kiosk.service
SESSION=$PREFIX/bin/motcua-session
WRAPPER=/usr/local/bin/motcua
PRINTER_RULE=/etc/udev/rules.d/70-motcua-printer.rules
TOUCH_RULE=/etc/udev/rules.d/71-motcua-touch.rules
LOGIND_CONF=/etc/systemd/logind.conf.d/50-motcua.conf
JOURNALD_CONF=/etc/systemd/journald.conf.d/50-motcua.conf
SYSCTL_CONF=/etc/sysctl.d/50-motcua.conf

CHANGED=0          # how many steps changed something
UDEV_CHANGED=0
UNIT_CHANGED=0
JOURNALD_CHANGED=0

# ----------------------------------------------------------------------------- helpers

say() { echo "== $*"; }
note() { echo "   $*"; }

# run CMD...: a command that changes the system
run() {
  local shown
  shown=$(printf '%q ' "$@")
  if [ "$DRY_RUN" = 1 ]; then
    echo "   would run: ${shown% }"
  elif [ "$SYSTEM" = 0 ]; then
    echo "   skipped (--root): ${shown% }"
  else
    echo "   + ${shown% }"
    "$@"
  fi
}

# put CONTENT DEST MODE: write a file unless it already holds exactly that
put() {
  local content=$1 dest=$ROOT$2 mode=$3
  if [ -f "$dest" ] && [ "$(cat "$dest")" = "$content" ]; then
    # permissions drift is repaired quietly; contents decide "changed"
    [ "$DRY_RUN" = 1 ] || chmod "$mode" "$dest"
    echo "   unchanged: $2"
    return 1
  fi
  CHANGED=$((CHANGED + 1))
  if [ "$DRY_RUN" = 1 ]; then
    echo "   would write: $2 (mode $mode)"
    return 0
  fi
  mkdir -p "$(dirname "$dest")"
  local tmp
  tmp=$(mktemp "$dest.XXXXXX")
  printf '%s\n' "$content" >"$tmp"
  chmod "$mode" "$tmp"
  mv -f "$tmp" "$dest"
  echo "   wrote: $2"
  return 0
}

# remove PATH...: delete files or folders that exist
remove() {
  local p
  for p in "$@"; do
    if [ -e "$ROOT$p" ] || [ -L "$ROOT$p" ]; then
      CHANGED=$((CHANGED + 1))
      if [ "$DRY_RUN" = 1 ]; then
        echo "   would remove: $p"
      else
        rm -rf "${ROOT:?}$p" 2>/dev/null || rm -rf "$ROOT$p"
        echo "   removed: $p"
      fi
    fi
  done
}

# fill TEMPLATE: the template with @NAMES@ replaced
fill() {
  sed -e "s|@PREFIX@|$PREFIX|g" \
      -e "s|@DISPLAY_MODE@|$DISPLAY_MODE|g" \
      -e "s|@ROTATION@|$ROTATION|g" \
      -e "s|@WATCHDOG_SEC@|$WATCHDOG_SEC|g" \
      -e "s|@GROUPS@|${GROUPS_LIST:-dialout video}|g" \
      -e "s|@PRINTER_MATCH@|${PRINTER_MATCH:-}|g" \
      -e "s|@TOUCH_MATRIX@|${TOUCH_MATRIX:-}|g" \
      "$1"
}

have_group() { getent group "$1" >/dev/null 2>&1; }

# ----------------------------------------------------------------------------- 1. the box

# version_ge A B: A >= B for dotted versions
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

# os_field NAME FILE: a field of os-release, unquoted (read, never executed)
os_field() { sed -n "s/^$1=//p" "$2" | head -n1 | sed -e 's/^"\(.*\)"$/\1/' -e "s/^'\(.*\)'\$/\1/"; }

check_box() {
  say "checking this box"
  if [ "$SYSTEM" = 1 ] && [ "$DRY_RUN" = 0 ] && [ "$(id -u)" != 0 ]; then
    die "run me as root: sudo $0 $*"
  fi

  local arch=${MOTCUA_ARCH:-$(uname -m)}
  case "$arch" in
    aarch64|arm64|x86_64|amd64) note "CPU: $arch" ;;
    *) die "unsupported CPU \"$arch\": motcua runs on 64-bit ARM (aarch64) and x86-64 only.
  A 32-bit Raspberry Pi OS cannot run it: install the 64-bit Raspberry Pi OS (trixie)." ;;
  esac

  local os_release=${MOTCUA_OS_RELEASE:-/etc/os-release}
  [ -r "$os_release" ] || die "cannot read $os_release: is this Debian or Ubuntu?"
  local id version pretty
  id=$(os_field ID "$os_release")
  version=$(os_field VERSION_ID "$os_release")
  pretty=$(os_field PRETTY_NAME "$os_release")
  [ -n "$pretty" ] || pretty="$id $version"
  local ok=0
  case "$id" in
    debian|raspbian) [ -n "$version" ] && version_ge "$version" 13 && ok=1 ;;
    ubuntu) [ -n "$version" ] && version_ge "$version" 24.04 && ok=1 ;;
  esac
  if [ "$ok" = 0 ]; then
    die "unsupported system: $pretty.
  motcua supports Debian 13 (trixie), Ubuntu 24.04 or later, and Raspberry Pi OS
  trixie (64-bit). Older systems have a C library (glibc) too old for the Qt
  (PySide6 6.11) the kiosk screen needs, so pip would fail or fetch an old,
  untested Qt. Re-install the box with a supported system."
  fi
  note "system: $pretty"

  local glibc=${MOTCUA_GLIBC_VERSION:-}
  if [ -z "$glibc" ]; then
    glibc=$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{ print $2 }')
  fi
  [ -n "$glibc" ] || die "cannot tell the C library version (getconf GNU_LIBC_VERSION): glibc 2.39 or later is needed"
  if ! version_ge "$glibc" 2.39; then
    die "glibc $glibc is too old: PySide6 6.11's ARM64 wheels need glibc 2.39 or later
  (Debian 13, Ubuntu 24.04, Raspberry Pi OS trixie). Upgrade the system first."
  fi
  note "glibc: $glibc"
}

# ----------------------------------------------------------------------------- 2. packages

PACKAGES=(
  ca-certificates python3 python3-venv
  cage wlr-randr
  libegl1 libgl1 libopengl0 libgles2 libwayland-client0 libwayland-cursor0 libwayland-egl1
  libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0
  espeak-ng libespeak-ng1 alsa-utils
  fonts-noto-core
  udev util-linux
)

install_packages() {
  say "system packages"
  if [ "$SKIP_PACKAGES" = 1 ]; then note "skipped (--no-packages)"; return; fi
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    if [ "$SYSTEM" = 1 ] && dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      continue
    fi
    missing+=("$p")
  done
  if [ ${#missing[@]} = 0 ]; then note "all present"; return; fi
  CHANGED=$((CHANGED + 1))
  export DEBIAN_FRONTEND=noninteractive
  run apt-get update -q
  run apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# ----------------------------------------------------------------------------- 3. user

GROUPS_LIST=""

create_user() {
  say "the motcua user"
  local wanted=(dialout video audio input render) g
  GROUPS_LIST=""
  for g in "${wanted[@]}"; do
    if have_group "$g" || [ "$g" = dialout ] || [ "$g" = video ]; then
      GROUPS_LIST="${GROUPS_LIST:+$GROUPS_LIST }$g"
    fi
  done
  if [ "$SYSTEM" = 0 ]; then
    note "skipped (--root): the user is created on a real install (groups: $GROUPS_LIST)"
  elif id motcua >/dev/null 2>&1; then
    local have
    have=" $(id -nG motcua) "
    for g in $GROUPS_LIST; do
      if [[ "$have" != *" $g "* ]]; then
        CHANGED=$((CHANGED + 1))
        run usermod -a -G "$g" motcua
      fi
    done
    note "motcua exists (groups: $(id -nG motcua))"
  else
    CHANGED=$((CHANGED + 1))
    run useradd --system --user-group --home-dir "$DATA" --no-create-home \
      --shell /usr/sbin/nologin --comment "motcua kiosk" --groups "${GROUPS_LIST// /,}" motcua
  fi
}

# ----------------------------------------------------------------------------- 4. venv

source_stamp() {
  # what is being installed: the wheel's hash, or a hash over the project's files
  if [ -f "$SOURCE" ]; then
    sha256sum "$SOURCE" | awk '{ print $1 }'
  else
    (cd "$SOURCE" && find pyproject.toml app ui devices -type f \
        ! -name '*.pyc' ! -path '*/__pycache__/*' -print0 | sort -z \
      | xargs -0 sha256sum | sha256sum | awk '{ print $1 }')
  fi
}

make_venv() {
  say "Python environment in $PREFIX/venv (runtime dependencies only)"
  [ -e "$SOURCE" ] || die "--source $SOURCE does not exist"
  if [ -d "$SOURCE" ] && [ ! -f "$SOURCE/pyproject.toml" ]; then
    die "$SOURCE is not the motcua project (no pyproject.toml)"
  fi
  local py=${PYTHON:-python3}
  if [ "$DRY_RUN" = 0 ] || command -v "$py" >/dev/null 2>&1; then
    local pyver
    pyver=$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) \
      || pyver=""
    if [ -n "$pyver" ]; then
      version_ge "$pyver" 3.11 || die "Python $pyver is too old: motcua needs 3.11 to 3.13"
      version_ge 3.13 "$pyver" || die "Python $pyver is too new: motcua is tested on 3.11 to 3.13"
      note "Python $pyver"
    elif [ "$DRY_RUN" = 0 ]; then
      die "no $py: install python3 and python3-venv"
    fi
  fi
  local venv=$ROOT$PREFIX/venv stamp_file=$ROOT$PREFIX/installed.sha256 stamp
  stamp=$(source_stamp)
  if [ -x "$venv/bin/motcua" ] && [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp" ]; then
    note "unchanged: motcua already installed from this source"
    return
  fi
  CHANGED=$((CHANGED + 1))
  local pip_args=(install --disable-pip-version-check --quiet)
  if [ -n "$WHEELHOUSE" ]; then pip_args+=(--no-index --find-links "$WHEELHOUSE"); fi
  # shellcheck disable=SC2206  # options split on purpose
  [ -z "$PIP_OPTIONS" ] || pip_args+=($PIP_OPTIONS)
  # no extras: the kiosk gets neither the training nor the test tools
  pip_args+=("$SOURCE")
  if [ "$DRY_RUN" = 1 ]; then
    [ -x "$venv/bin/python" ] || echo "   would run: $py -m venv $PREFIX/venv"
    echo "   would run: $PREFIX/venv/bin/pip ${pip_args[*]}"
    echo "   would write: $PREFIX/installed.sha256"
    return
  fi
  mkdir -p "$ROOT$PREFIX"
  if [ ! -x "$venv/bin/python" ]; then
    echo "   + $py -m venv $PREFIX/venv"
    "$py" -m venv "$venv"
  fi
  echo "   + $PREFIX/venv/bin/pip ${pip_args[*]}"
  "$venv/bin/python" -m pip "${pip_args[@]}"
  printf '%s\n' "$stamp" >"$stamp_file"
  if [ -d "$REPO_DIR/models" ]; then
    mkdir -p "$ROOT$PREFIX/models"
    cp -a "$REPO_DIR/models/." "$ROOT$PREFIX/models/"
  fi
  if [ -d "$REPO_DIR/docs" ]; then
    mkdir -p "$ROOT$PREFIX/docs"
    cp -a "$REPO_DIR/docs/." "$ROOT$PREFIX/docs/"
  fi
}

# ----------------------------------------------------------------------------- 5. config, 6. data

kiosk_config() {
  # the shipped default with the kiosk's real devices and paths
  local orientation=landscape
  if [ "$ROTATION" = 90 ] || [ "$ROTATION" = 270 ]; then orientation=portrait; fi
  sed -e 's|^url = "sqlite:///.*"|url = "sqlite:///'"$DATA"'/motcua.db"|' \
      -e 's|^orientation = ".*"|orientation = "'"$orientation"'"|' \
      "$REPO_DIR/config/default.toml" \
  | awk -v port=/dev/motcua-printer '
      /^\[/ { section = $0 }
      section == "[devices.printer]" && /^kind = / { print "kind = \"serial\""; print "port = \"" port "\""; next }
      section == "[devices.speech]" && /^kind = / { print "kind = \"pyttsx3\""; next }
      section == "[kiosk]" && /^orientation = / { print; print "fullscreen = true"; next }
      section == "[estimates]" && /^model_dir = / { next }
      /^\[estimates\]$/ { print; print "model_dir = \"" models "\""; seen = 1; next }
      { print }
      END { if (!seen) { print ""; print "[estimates]"; print "model_dir = \"" models "\"" } }
    ' models="$PREFIX/models/wait"
}

install_config() {
  say "configuration in $ETC"
  if [ -f "$ROOT$ETC/config.toml" ]; then
    note "keeping the existing $ETC/config.toml"
  else
    put "$(kiosk_config)" "$ETC/config.toml" 0640 || true
    note "edit $ETC/config.toml for this hall (services, counters, printer), then: sudo motcua doctor"
  fi
  if [ "$DRY_RUN" = 0 ] && [ "$SYSTEM" = 1 ]; then
    chown root:motcua "$ETC" "$ETC/config.toml"
    chmod 0750 "$ETC"
  fi

  say "data in $DATA (kept when uninstalling)"
  if [ -d "$ROOT$DATA" ]; then
    note "exists"
  else
    CHANGED=$((CHANGED + 1))
    if [ "$DRY_RUN" = 1 ]; then echo "   would create: $DATA (owner motcua, mode 0750)"; else
      mkdir -p "$ROOT$DATA"
      chmod 0750 "$ROOT$DATA"
      echo "   created: $DATA"
    fi
  fi
  if [ "$DRY_RUN" = 0 ] && [ "$SYSTEM" = 1 ]; then chown -R motcua:motcua "$DATA"; fi
}

# ----------------------------------------------------------------------------- 7. udev

detect_printer() {
  [ -z "$PRINTER" ] || return 0
  [ "$SYSTEM" = 1 ] || return 0
  local devs=() d
  for d in /dev/serial/by-id/*; do [ -e "$d" ] && devs+=("$d"); done
  if [ ${#devs[@]} = 1 ]; then
    local vid pid
    vid=$(udevadm info --query=property --name="${devs[0]}" | sed -n 's/^ID_VENDOR_ID=//p')
    pid=$(udevadm info --query=property --name="${devs[0]}" | sed -n 's/^ID_MODEL_ID=//p')
    if [ -n "$vid" ] && [ -n "$pid" ]; then
      PRINTER="$vid:$pid"
      note "found one USB serial device: ${devs[0]} ($PRINTER)"
    fi
  elif [ ${#devs[@]} -gt 1 ]; then
    note "several USB serial devices; choose the printer with --printer VID:PID (see lsusb)"
  fi
}

touch_matrix_for() {
  case "$1" in
    90) echo "0 1 0 -1 0 1" ;;
    180) echo "-1 0 1 0 -1 1" ;;
    270) echo "0 -1 1 1 0 0" ;;
    *) echo "1 0 0 0 1 0" ;;
  esac
}

install_udev() {
  say "udev rules"
  detect_printer
  PRINTER_MATCH=""
  if [[ "$PRINTER" == *:* ]]; then
    PRINTER_MATCH="SUBSYSTEM==\"tty\", ATTRS{idVendor}==\"${PRINTER%%:*}\", ATTRS{idProduct}==\"${PRINTER##*:}\""
  elif [ -n "$PRINTER" ]; then
    PRINTER_MATCH="SUBSYSTEM==\"tty\", KERNEL==\"$PRINTER\""
  fi
  if [ -n "$PRINTER_MATCH" ]; then
    put "$(fill "$SCRIPT_DIR/udev/70-motcua-printer.rules.in")" "$PRINTER_RULE" 0644 && UDEV_CHANGED=1
  elif [ -f "$ROOT$PRINTER_RULE" ]; then
    note "keeping $PRINTER_RULE (no --printer given)"
  else
    note "no printer rule: connect the printer and re-run, or pass --printer VID:PID"
  fi

  if [ -z "$TOUCH_MATRIX" ]; then TOUCH_MATRIX=$(touch_matrix_for "$ROTATION"); fi
  if [ "$TOUCH_MATRIX" = "1 0 0 0 1 0" ]; then
    # the identity needs no rule; a former rotation's rule must go
    if [ -f "$ROOT$TOUCH_RULE" ]; then remove "$TOUCH_RULE"; UDEV_CHANGED=1; fi
    note "touch panel: not rotated"
  else
    put "$(fill "$SCRIPT_DIR/udev/71-motcua-touch.rules.in")" "$TOUCH_RULE" 0644 && UDEV_CHANGED=1
  fi
  if [ "$UDEV_CHANGED" = 1 ]; then
    run udevadm control --reload
    run udevadm trigger --subsystem-match=tty --subsystem-match=input
  fi
}

# ----------------------------------------------------------------------------- 8. lock-down

install_lockdown() {
  say "lock-down and logs"
  put "$(cat "$SCRIPT_DIR/systemd/50-motcua-logind.conf")" "$LOGIND_CONF" 0644 \
    && note "takes effect at the next boot"
  put "# motcua kiosk: no magic SysRq keys from an attached keyboard
kernel.sysrq = 0" "$SYSCTL_CONF" 0644 && run sysctl -q -p "$SYSCTL_CONF"
  put "$(cat "$SCRIPT_DIR/systemd/50-motcua-journald.conf")" "$JOURNALD_CONF" 0644 \
    && JOURNALD_CHANGED=1
  if [ "$JOURNALD_CHANGED" = 1 ]; then run systemctl restart systemd-journald; fi
}

# ----------------------------------------------------------------------------- 9. service

install_service() {
  say "systemd service motcua-kiosk ($DISPLAY_MODE, rotation $ROTATION, watchdog ${WATCHDOG_SEC}s)"
  put "$(fill "$SCRIPT_DIR/systemd/motcua-session.in")" "$SESSION" 0755 && UNIT_CHANGED=1
  put "$(fill "$SCRIPT_DIR/systemd/motcua-kiosk.service.in")" "$UNIT" 0644 && UNIT_CHANGED=1
  put "#!/bin/sh
# motcua for the technician: the kiosk's configuration, run as the motcua user
# so files it creates in $DATA stay the kiosk's. Written by install-kiosk.sh.
export MOTCUA_CONFIG=\${MOTCUA_CONFIG:-$ETC/config.toml}
if [ \"\$(id -u)\" = 0 ]; then
    exec runuser -u motcua -- env MOTCUA_CONFIG=\"\$MOTCUA_CONFIG\" $PREFIX/venv/bin/motcua \"\$@\"
fi
exec $PREFIX/venv/bin/motcua \"\$@\"" "$WRAPPER" 0755 || true

  # under --root, systemctl --root works offline: it only makes the symlinks
  local systemctl=(systemctl)
  [ "$SYSTEM" = 1 ] || systemctl=(systemctl --root "$ROOT")
  local enabled
  enabled=$("${systemctl[@]}" is-enabled motcua-kiosk.service 2>/dev/null || true)
  if [ "$UNIT_CHANGED" = 1 ]; then run systemctl daemon-reload; fi
  if [ "$enabled" != enabled ]; then
    CHANGED=$((CHANGED + 1))
    if [ "$SYSTEM" = 0 ] && [ "$DRY_RUN" = 0 ]; then
      echo "   + systemctl --root $ROOT enable motcua-kiosk.service"
      "${systemctl[@]}" enable motcua-kiosk.service
    else
      run systemctl enable motcua-kiosk.service
    fi
  fi
  if [ "$START" = 1 ] && [ "$CHANGED" -gt 0 ]; then
    run systemctl restart motcua-kiosk.service
  fi
}

# ----------------------------------------------------------------------------- uninstall

uninstall() {
  say "removing motcua (keeping $ETC and $DATA)"
  if [ -f "$ROOT$UNIT" ]; then
    CHANGED=$((CHANGED + 1))
    if [ "$SYSTEM" = 0 ] && [ "$DRY_RUN" = 0 ]; then
      echo "   + systemctl --root $ROOT disable motcua-kiosk.service"
      systemctl --root "$ROOT" disable motcua-kiosk.service
    else
      run systemctl disable --now motcua-kiosk.service
    fi
  fi
  local had_rules=0
  if [ -f "$ROOT$PRINTER_RULE" ] || [ -f "$ROOT$TOUCH_RULE" ]; then had_rules=1; fi
  remove "$UNIT" "$WRAPPER" "$PREFIX" "$PRINTER_RULE" "$TOUCH_RULE" \
    "$LOGIND_CONF" "$JOURNALD_CONF" "$SYSCTL_CONF"
  if [ "$CHANGED" -gt 0 ]; then run systemctl daemon-reload; fi
  if [ "$had_rules" = 1 ]; then run udevadm control --reload; fi
  note "kept: $ETC (configuration), $DATA (the event log) and the motcua user"
  note "to remove those too: rm -r $ETC $DATA && userdel motcua"
}

# ----------------------------------------------------------------------------- main

[ "$DRY_RUN" = 1 ] && say "dry run: nothing will be changed"
[ -n "$ROOT" ] && say "installing under $ROOT (no system changes)"
if [ "$UNINSTALL" = 1 ]; then
  uninstall
else
  check_box "$@"
  install_packages
  create_user
  make_venv
  install_config
  install_udev
  install_lockdown
  install_service
fi

if [ "$CHANGED" = 0 ]; then
  say "done: nothing to change"
elif [ "$DRY_RUN" = 1 ]; then
  say "dry run done: $CHANGED steps would change something"
else
  say "done: $CHANGED steps changed something"
fi
if [ "$UNINSTALL" = 0 ] && [ "$DRY_RUN" = 0 ]; then
  note "check the box with: sudo motcua doctor   (add --test-ticket to print one)"
fi
