#!/usr/bin/env bash
# Install everything the tests need (Python extras, the npm GraphML loader) and run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test,ray
if [ ! -d tests/js/node_modules ]; then npm ci --prefix tests/js --no-audit --no-fund --silent; fi
.venv/bin/python -m pytest "$@"
