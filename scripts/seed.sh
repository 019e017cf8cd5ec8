#!/usr/bin/env bash
# The main job on the bundled seed: install what is needed, then write every output format into graphs/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/extractor extract seeds/000_401f0d7f82f0a030.txt --format all --output graphs/ --workers 1 --quiet
.venv/bin/extractor viz graphs/000_401f0d7f82f0a030.json --output graphs/000_401f0d7f82f0a030.html
.venv/bin/extractor viz graphs/000_401f0d7f82f0a030.json --output graphs/000_401f0d7f82f0a030.svg
echo "wrote: $(ls graphs | tr '\n' ' ')"
