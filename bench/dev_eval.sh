#!/usr/bin/env bash
# Runs tieline on the 14 VOA development stories and prints `tieline eval` against their gold
# annotations, so every change to a stage is judged on real news, not on the sample articles.
#
# Usage: bench/dev_eval.sh [SHARED_DIR] [-- extra eval options]
#   TIELINE: the tieline command to use (default: .venv/bin/tieline)
#   KEEP=DIR: keep the store and the inputs in DIR instead of a temporary folder
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
tieline=${TIELINE:-.venv/bin/tieline}
python=${PYTHON:-.venv/bin/python}
work=${KEEP:-$(mktemp -d)}
mkdir -p "$work"
$python - "$shared/gold/voa-dev.gold.json" "$shared/corpus/voa/voa_stories.jsonl" "$work/dev.jsonl" <<'PY'
import json, sys
ids = {x["id"] for x in json.load(open(sys.argv[1]))["documents"]}
with open(sys.argv[3], "w") as out:
    for line in open(sys.argv[2]):
        if line.strip() and json.loads(line)["id"] in ids:
            out.write(line)
PY
rm -f "$work/dev.duckdb"
$tieline run "$work/dev.jsonl" --db "$work/dev.duckdb" -q || [ $? -eq 1 ]
echo "== VOA development set ($shared/gold/voa-dev.gold.json)"
$tieline eval "$shared/gold/voa-dev.gold.json" --db "$work/dev.duckdb"
[ -n "${KEEP:-}" ] || rm -rf "$work"
