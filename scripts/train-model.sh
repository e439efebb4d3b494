#!/usr/bin/env bash
# Reproduce the shipped wait model (models/wait): simulate six weeks of each
# simulated hall shape, then train on them, holding out the last days of each.
# Needs the [train] extra (scikit-learn, onnx). Takes a few minutes.
#   scripts/train-model.sh [OUT_DIR]   (default: models/wait)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-"$here/models/wait"}
motcua="$here/.venv/bin/motcua"
[ -x "$motcua" ] || motcua=motcua
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
"$motcua" simulate --hall all --days 42 --start 2026-01-05 --seed 7 --out "$data"
"$motcua" wait train --holdout-days 6 --seed 0 \
  --events "$data/ward.jsonl" --events "$data/district.jsonl" \
  --events "$data/rural.jsonl" --events "$data/city.jsonl" \
  --out "$out"
"$motcua" wait status || true
