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
echo "== pytest"
exec python -m pytest "$@"
