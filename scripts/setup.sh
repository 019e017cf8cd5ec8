#!/usr/bin/env bash
# Create .venv (Python >= 3.10) and install extractor with the given extras; idempotent.
# Usage: bash scripts/setup.sh [EXTRAS]   e.g. bash scripts/setup.sh test,server,ray
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
py="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$py" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
fi
spec="."
[ -n "$extras" ] && spec=".[${extras}]"
.venv/bin/python -m pip install -q -e "$spec"
