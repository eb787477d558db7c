#!/usr/bin/env bash
# Runs tieline on the 14 VOA development stories and on the PLOVER gold standard records, and prints
# `tieline eval` for both, so every change to a stage is judged on real news, not on the sample articles.
#
#   VOA development set: the full eval against ../shared/gold/voa-dev.gold.json.
#   PLOVER gold records: converted at run time by scripts/plover_gold_docs.py (one document per
#   sentence, types mapped from PLOVER 0.5 to 2021) into the work folder; prints the per-type table,
#   the events line under the matching rule, and the sentence-level line the issue targets
#   (sentences with an event, share with some event, share whose best event has the gold type).
#   Its dates line is left out: the records carry no real date.
#
# Usage: bench/dev_eval.sh [SHARED_DIR] [-- extra eval options, e.g. --show misses]
#   TIELINE: the tieline command to use (default: .venv/bin/tieline); may carry arguments, e.g.
#            TIELINE="env PYTHONPATH=src /work/main/.venv/bin/tieline"
#   PYTHON:  the Python for the helpers (default: .venv/bin/python, else the one running tieline)
#   KEEP=DIR: keep the stores and the inputs in DIR instead of a temporary folder
#   ONLY=voa|plover: run one of the two
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
if [ $# -gt 0 ] && [ "$1" != "--" ]; then shared=$1; shift; fi
[ "${1:-}" = "--" ] && shift
tieline=${TIELINE:-.venv/bin/tieline}
if [ -n "${PYTHON:-}" ]; then python=$PYTHON
elif [ -x .venv/bin/python ]; then python=.venv/bin/python
else python=$(dirname "${tieline##* }")/python
fi
work=${KEEP:-$(mktemp -d)}
mkdir -p "$work"
only=${ONLY:-}

if [ "$only" != plover ]; then
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
  $tieline eval "$shared/gold/voa-dev.gold.json" --db "$work/dev.duckdb" "$@"
fi

if [ "$only" != voa ]; then
  $python scripts/plover_gold_docs.py "$work/plover" --source "$shared/reference/plover/PLOVER_GSR_CAMEO.txt" -q
  rm -f "$work/plover.duckdb"
  $tieline run "$work/plover/plover_gsr.jsonl" --db "$work/plover.duckdb" -q || [ $? -eq 1 ]
  echo "== PLOVER gold standard records ($shared/reference/plover/PLOVER_GSR_CAMEO.txt, types as in PLOVER 2021)"
  if [ $# -gt 0 ]; then
    $tieline eval "$work/plover/plover_gsr.gold.json" --db "$work/plover.duckdb" "$@"
  else
    $tieline eval "$work/plover/plover_gsr.gold.json" --db "$work/plover.duckdb" \
      | grep -Ev '^(missed required|dates |quotes |stories )'
  fi
fi
[ -n "${KEEP:-}" ] || rm -rf "$work"
