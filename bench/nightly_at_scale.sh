#!/bin/bash
# The nightly at 10,000 department-years, measured the way BENCHMARKS.md's † figures were: a warehouse
# built once (about 12 minutes), then each night on a fresh copy of it (warehouse, exports, dbt's
# target folder, GX project) with one new document, the copy synced and read into the page cache
# first, so that every night starts from the same state.
#
#   bash bench/nightly_at_scale.sh [WORK_DIR] [NIGHTS] [DEPARTMENTS]
#
# WORK_DIR (default bench/out/nightly-at-scale) keeps the built warehouse between runs; delete it after
# changing the project (a changed project makes the next nightly a full build). Prints one line a night:
# wall seconds and peak memory, the nightly's own step times, dbt's node phase and node count.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(realpath -m "${1:-bench/out/nightly-at-scale}")
NIGHTS=${2:-3}
DEPARTMENTS=${3:-1112}  # x 9 years = 10,008 department-years
BUDGETWH=$PWD/.venv/bin/budgetwh
BASE=$WORK/base

if [ ! -f "$BASE/w.duckdb" ]; then
    rm -rf "$BASE" "$WORK/corpus" "$WORK/new"
    mkdir -p "$BASE"
    echo "building the base warehouse ($DEPARTMENTS departments x 9 years) in $BASE ..."
    "$BUDGETWH" synth --departments "$DEPARTMENTS" --years 2016-2024 --out "$WORK/corpus" --formats txt --seed 10000 --jobs 2 > /dev/null
    "$BUDGETWH" ingest "$WORK/corpus/txt" --db "$BASE/w.duckdb" --jobs 2 > /dev/null
    "$BUDGETWH" build --db "$BASE/w.duckdb" > /dev/null
    "$BUDGETWH" export --db "$BASE/w.duckdb" --out "$BASE/exports" > /dev/null
    "$BUDGETWH" synth --departments 2 --years 2025-2025 --out "$WORK/new" --formats txt --seed 10001 > /dev/null
    # the first nightly after a full build parses the project in full (its copy has its own dbt
    # target folder); keep that folder, so that every measured night is a steady-state one
    rm -rf "$WORK/run" && mkdir -p "$WORK/run/inbox" && cp -a "$BASE/." "$WORK/run/"
    cp "$WORK/new/txt/d002-2025-final.txt" "$WORK/run/inbox/"
    "$BUDGETWH" nightly "$WORK/run/inbox" --db "$WORK/run/w.duckdb" --out "$WORK/run/exports" > /dev/null
    cp -a "$WORK/run/.w.next.dbt-target" "$BASE/"
fi

for night in $(seq 1 "$NIGHTS"); do
    rm -rf "$WORK/run" && mkdir -p "$WORK/run" && cp -a "$BASE/." "$WORK/run/" && mkdir -p "$WORK/run/inbox"
    cp "$WORK/new/txt/d001-2025-final.txt" "$WORK/run/inbox/"
    sync && cat "$WORK/run/w.duckdb" > /dev/null
    /usr/bin/time -f "%e %M" -o "$WORK/run/time.txt" \
        "$BUDGETWH" nightly "$WORK/run/inbox" --db "$WORK/run/w.duckdb" --out "$WORK/run/exports" > "$WORK/run/out.txt"
    .venv/bin/python - "$WORK/run" "$night" <<'PY'
import json, re, sys
from pathlib import Path
run, night = Path(sys.argv[1]), sys.argv[2]
wall, peak_kb = (run / "time.txt").read_text().split()
out = (run / "out.txt").read_text()
steps = ", ".join(f"{step} {seconds}" for step, seconds in re.findall(r"(\w+) done \(([\d.]+)s\)", out))
results = json.loads((run / ".w.next.dbt-target" / "run_results.json").read_text())
print(f"night {night}: {float(wall):.2f} s wall, peak {int(peak_kb) // 1024:,} MB | cumulative: {steps} | "
      f"dbt node phase {results['elapsed_time']:.2f} s, {len(results['results'])} nodes")
PY
done
