#!/usr/bin/env bash
# Reproduce the shipped wait model (models/wait) exactly: simulate eight weeks of
# each simulated hall shape with five seeds (7 to 11), then train on them. Of each
# log, the last 6 days are held out (the card's accuracy), the 6 before them
# calibrate the range, the rest train the trees. benchmarks/wait.py tests on other
# seeds and later days. Needs the [train] extra (scikit-learn, onnx); takes about
# twenty minutes on two cores.
#   scripts/train-model.sh [OUT_DIR]   (default: models/wait)
# With MOTCUA_SIGN_KEY=path/to/private.key the model is signed as it is written
# (docs/model-signing.md); without it, sign it afterwards with `motcua wait sign`.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-"$here/models/wait"}
motcua="$here/.venv/bin/motcua"
[ -x "$motcua" ] || motcua=motcua
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
seeds=(7 8 9 10 11)
for seed in "${seeds[@]}"; do
  "$motcua" simulate --hall all --days 56 --start 2026-01-05 --seed "$seed" \
    --out "$data/s$seed" > /dev/null &
  # two at a time
  if (( $(jobs -rp | wc -l) >= 2 )); then wait -n; fi
done
wait
logs=()
for seed in "${seeds[@]}"; do
  for hall in ward district rural city; do logs+=(--events "$data/s$seed/$hall.jsonl"); done
done
# the card's "created" is fixed, so the same inputs give the same files, byte for byte
sign=()
if [ -n "${MOTCUA_SIGN_KEY:-}" ]; then sign=(--sign-key "$MOTCUA_SIGN_KEY"); fi
SOURCE_DATE_EPOCH=1772409600 "$motcua" wait train --holdout-days 6 --validation-days 6 \
  --seed 0 "${logs[@]}" --out "$out" "${sign[@]}"
"$motcua" wait status || true
