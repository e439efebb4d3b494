#!/usr/bin/env bash
# Prove the README's two commands on a truly fresh Debian 12: build a minimal
# root with debootstrap (--variant=minbase, nothing else installed), put a
# clean clone of the current commit in it, and run inside it
#
#   1. the README's test command (bash .ci/run, with CI=true), and
#   2. the README's demo command (scripts/run-demo.sh) on its virtual screen,
#      copying the kiosk's own screenshot out of the root.
#
# The development machines and CI's machine already have many packages a new
# system lacks, so a green CI does not show that the set-up installs all it
# needs; this does. Run it before you stop whenever you change set-up,
# dependencies or system packages. It needs root (mounts, chroot) and takes
# about 10 minutes (most of it the test suite); it is not part of .ci/run.
#
#   scripts/fresh-machine-check.sh [--keep] [--tests-only | --demo-only] [--out DIR]
#
#   --keep        leave the root in place (its path is printed) for a look inside
#   --tests-only  skip the demo;  --demo-only  skip the test suite
#   --out DIR     where the log and the screenshot go (default test-output/fresh-machine)
#
# The machine's CA bundle and package-index settings (apt sources and options,
# pip's configuration and local indexes, the PIP_* and *_CA_* variables) are
# passed through, so the root reaches the same registries as the machine. The
# mounts are undone whatever happens.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
keep=0; run_tests=1; run_demo=1; out="$here/test-output/fresh-machine"
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) keep=1 ;;
    --tests-only) run_demo=0 ;;
    --demo-only) run_tests=0 ;;
    --out) shift; out=${1:?--out needs a folder} ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "fresh-machine-check: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

say() { printf '\n== %s\n' "$*"; }
die() { echo "fresh-machine-check: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "needs root (it mounts /proc, /sys and /dev into a chroot)"
command -v git >/dev/null || die "needs git to make a clean clone of the current commit"
commit=$(git -C "$here" rev-parse HEAD) || die "$here is not a git checkout"
if [ -n "$(git -C "$here" status --porcelain --untracked-files=no)" ]; then
  echo "fresh-machine-check: note: uncommitted changes are NOT checked (the clone is of $commit)" >&2
fi

if ! command -v debootstrap >/dev/null; then
  say "installing debootstrap"
  DEBIAN_FRONTEND=noninteractive apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d /var/tmp/motcua-fresh.XXXXXX)
root="$work/root"
mounted=()

cleanup() {
  local status=$? m i
  # undo the mounts innermost first; a lazy unmount never leaves one behind
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    m=${mounted[$i]}
    umount -R "$m" 2>/dev/null || umount -R -l "$m" 2>/dev/null || true
  done
  if grep -q " $root/" /proc/mounts 2>/dev/null; then
    echo "fresh-machine-check: a mount under $root is still there; leaving the folder" >&2
  elif [ "$keep" = 1 ]; then
    echo "fresh-machine-check: the root is kept in $root" >&2
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bind() {  # bind SOURCE TARGET-INSIDE-ROOT [ro]
  local target="$root$2"
  mkdir -p "$target"
  mount --rbind "$1" "$target"
  mount --make-rslave "$target"
  if [ "${3:-}" = ro ]; then mount -o remount,bind,ro "$target"; fi
  mounted+=("$target")
}

# ----------------------------------------------------------------- the root
mirror=""
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] || continue
  mirror=$(awk '/^URIs:/ { print $2; exit }' "$f")
  [ -n "$mirror" ] && break
done
if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
  mirror=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^http/) { print $i; exit } }' /etc/apt/sources.list)
fi
mirror=${mirror:-http://deb.debian.org/debian}
cache=/var/cache/motcua-fresh-debootstrap
mkdir -p "$cache"

say "debootstrap --variant=minbase bookworm from $mirror"
debootstrap --variant=minbase --cache-dir="$cache" bookworm "$root" "$mirror" \
  > "$out/debootstrap.log" 2>&1 || { tail -20 "$out/debootstrap.log" >&2; die "debootstrap failed"; }

# the machine's package-index settings and CA bundle
rm -f "$root"/etc/apt/sources.list
mkdir -p "$root/etc/apt/sources.list.d" "$root/etc/apt/apt.conf.d" "$root/etc/ssl/certs"
[ -f /etc/apt/sources.list ] && cp /etc/apt/sources.list "$root/etc/apt/"
for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] && cp "$f" "$root/etc/apt/sources.list.d/"
done
for f in /etc/apt/apt.conf.d/*; do
  [ -f "$f" ] && cp "$f" "$root/etc/apt/apt.conf.d/"
done
cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
host_ca=/etc/ssl/certs/ca-certificates.crt
if [ -f "$host_ca" ]; then
  # kept apart from ca-certificates' own bundle, which its install rewrites
  cp -L "$host_ca" "$root/etc/ssl/host-ca-bundle.crt"
fi
[ -f /etc/pip.conf ] && cp /etc/pip.conf "$root/etc/pip.conf"
[ -d /etc/xdg/pip ] && { mkdir -p "$root/etc/xdg"; cp -r /etc/xdg/pip "$root/etc/xdg/"; }

# local package indexes that pip's settings name (file:// indexes, find-links folders)
pip_dirs=$( { cat /etc/pip.conf /etc/xdg/pip/pip.conf "$HOME/.config/pip/pip.conf" 2>/dev/null || true
              env | grep -E '^PIP_(FIND_LINKS|EXTRA_INDEX_URL|INDEX_URL)=' || true; } |
            grep -oE '(file://)?/[^ ,"]+' | sed 's|^file://||' | sort -u)
for d in $pip_dirs; do
  [ -d "$d" ] || continue
  d=${d%/simple}; d=${d%/}
  case "$d" in /|/etc*|/usr*|/root*|/home*|/work*) continue ;; esac
  grep -q " $root$d " /proc/mounts 2>/dev/null && continue
  bind "$d" "$d" ro
done

# a clean clone of the current commit, as CI makes it
say "a clean clone of $commit"
git clone -q --no-hardlinks "$here" "$root/work/motcua"
git -C "$root/work/motcua" checkout -q --detach "$commit"
if [ -d "$here/../shared" ]; then cp -r "$here/../shared" "$root/work/shared"; fi

bind /proc /proc
bind /sys /sys
bind /dev /dev

# the environment CI gives: the machine's, with the CA paths pointing inside
envs=(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root
      LANG=C.UTF-8 CI=true DEBIAN_FRONTEND=noninteractive)
while IFS='=' read -r name value; do
  case "$name" in
    PIP_CERT|SSL_CERT_FILE|REQUESTS_CA_BUNDLE|CURL_CA_BUNDLE|NODE_EXTRA_CA_CERTS|GIT_SSL_CAINFO)
      envs+=("$name=/etc/ssl/host-ca-bundle.crt") ;;
    PIP_*|OPENBLAS_*|http_proxy|https_proxy|no_proxy|HTTP_PROXY|HTTPS_PROXY|NO_PROXY)
      envs+=("$name=$value") ;;
  esac
done < <(env)
[ -f "$root/etc/ssl/host-ca-bundle.crt" ] && envs+=(SSL_CERT_FILE=/etc/ssl/host-ca-bundle.crt PIP_CERT=/etc/ssl/host-ca-bundle.crt)
inside() { chroot "$root" /usr/bin/env -i "${envs[@]}" /bin/bash -c "$1"; }

tests_status=skipped; demo_status=skipped

# ----------------------------------------------------------- the test command
if [ "$run_tests" = 1 ]; then
  say "inside: bash .ci/run (log: $out/ci-run.log)"
  set +e
  inside 'cd /work/motcua && bash .ci/run' > "$out/ci-run.log" 2>&1
  code=$?
  set -e
  tail -15 "$out/ci-run.log"
  if [ "$code" = 0 ]; then tests_status=passed; else tests_status="FAILED (exit $code)"; fi
fi

# ------------------------------------------------------------- the demo command
if [ "$run_demo" = 1 ]; then
  say "inside: scripts/run-demo.sh on its virtual screen (log: $out/run-demo.log)"
  rm -f "$out/kiosk-screen.png"
  set +e
  # shellcheck disable=SC2016  # expanded inside the root, not here
  inside 'cd /work/motcua && unset DISPLAY WAYLAND_DISPLAY QT_QPA_PLATFORM
          export MOTCUA_SCREENSHOT=/work/motcua/var/kiosk-screen.png MOTCUA_SCREENSHOT_EVERY=2
          setsid scripts/run-demo.sh > var-run-demo.log 2>&1 &
          demo=$!
          for _ in $(seq 1 300); do
            [ -s var/kiosk-screen.png ] && sleep 4 && break
            kill -0 "$demo" 2>/dev/null || break
            sleep 1
          done
          kill -TERM -- "-$demo" 2>/dev/null
          wait "$demo" 2>/dev/null
          cat var-run-demo.log
          [ -s var/kiosk-screen.png ]' > "$out/run-demo.log" 2>&1
  code=$?
  set -e
  tail -8 "$out/run-demo.log"
  if [ "$code" = 0 ] && cp "$root/work/motcua/var/kiosk-screen.png" "$out/kiosk-screen.png"; then
    demo_status="passed (screenshot: $out/kiosk-screen.png)"
  else
    demo_status="FAILED: no screenshot of the kiosk"
  fi
fi

say "result on a fresh Debian 12 (minbase), commit ${commit:0:12}"
echo "test command: $tests_status"
echo "demo command: $demo_status"
case "$tests_status $demo_status" in *FAILED*) exit 1 ;; esac
