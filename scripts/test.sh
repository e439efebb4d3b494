#!/usr/bin/env bash
# Set everything up (with the test tools), then run every check: ruff, mypy
# (strict) on the core, the devices and the screens, the import contracts, and the whole
# pytest suite (Qt offscreen, a throwaway PostgreSQL, headless Chromium).
# Extra arguments go to pytest.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
scripts/setup.sh --dev
# shellcheck source=/dev/null
. .venv/bin/activate

export QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software
# the set-up installed PostgreSQL and Chromium: their tests must run, not skip
export MOTCUA_REQUIRE_PG=1 MOTCUA_REQUIRE_BROWSER=1
export MOTCUA_TEST_OUTPUT="${MOTCUA_TEST_OUTPUT:-$here/test-output}"
mkdir -p "$MOTCUA_TEST_OUTPUT"

echo "== ruff"; ruff check .
echo "== mypy (strict: app, devices, ui)"; mypy
echo "== import contracts"; lint-imports
if [ $# -eq 0 ]; then
  # the core and the devices without Qt or OpenCV: what a hall server or the phone page
  # installs (no kiosk extra); a second venv, rebuilt only when pyproject.toml changes
  echo "== pytest without Qt (tests/app, tests/devices)"
  want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
  if [ ! -x .venv-core/bin/python ] || [ "$(cat .venv-core/.motcua-installed 2>/dev/null)" != "$want" ]; then
    .venv/bin/python -m venv --clear .venv-core
    .venv-core/bin/python -m pip install -q --upgrade pip "setuptools>=68" wheel
    .venv-core/bin/python -m pip install -q -e ".[dev,train]"
    echo "$want" > .venv-core/.motcua-installed
  fi
  if .venv-core/bin/python -c 'import PySide6' 2>/dev/null || .venv-core/bin/python -c 'import cv2' 2>/dev/null; then
    echo "test.sh: .venv-core must not have PySide6 or OpenCV" >&2; exit 1
  fi
  # hall mode (PostgreSQL) runs in the main lane; here every other core and device test
  .venv-core/bin/python -m pytest -q -p no:cacheprovider -p no:pytest-qt -m "not postgres" \
    --ignore=tests/app/test_postgres.py tests/app tests/devices
fi

echo "== pytest"
exec python -m pytest "$@"
