#!/usr/bin/env bash
# Throughput benchmark: runs `factlint check` over the synthetic corpus and prints
# MB/s and peak memory, on one core (one worker thread, the process pinned to one
# CPU with taskset where it exists) and on all cores.
#
#   bash benches/throughput.sh [CORPUS_DIR]
#
# CORPUS_DIR defaults to target/bench-corpus, generated on first use with
# ../shared/corpus/gen_corpus.py (2,000 articles, about 10 MB). Needs GNU time
# (/usr/bin/time) for peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=${1:-target/bench-corpus}
if [ ! -d "$corpus" ]; then
  generator=../shared/corpus/gen_corpus.py
  [ -f "$generator" ] || { echo "no corpus at $corpus and no $generator to make one" >&2; exit 2; }
  python3 "$generator" --out "$corpus" --manifest target/bench-manifest.jsonl >/dev/null
fi
cargo build --release --quiet
bin=target/release/factlint
bytes=$(find "$corpus" -type f \( -name '*.md' -o -name '*.markdown' -o -name '*.txt' \) -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
files=$(find "$corpus" -type f \( -name '*.md' -o -name '*.markdown' -o -name '*.txt' \) | wc -l)
echo "corpus: $corpus, $files files, $bytes bytes"

# Best of three runs; arithmetic in python3, which the corpus generator needs anyway.
run() {
  local label=$1; shift
  local pin=()
  if [ "$label" = "1 core" ] && command -v taskset >/dev/null 2>&1; then pin=(taskset -c 0); fi
  local log
  log=$(mktemp)
  for _ in 1 2 3; do
    /usr/bin/time -f '%e %M' -a -o "$log" "${pin[@]}" "$bin" check --format json --fail-on never "$@" "$corpus" >/dev/null
  done
  python3 - "$label" "$bytes" "$log" <<'PY'
import sys
label, size, log = sys.argv[1], int(sys.argv[2]), sys.argv[3]
runs = [tuple(map(float, line.split())) for line in open(log) if line.strip() and line[0].isdigit()]
secs = min(r[0] for r in runs)
peak = max(r[1] for r in runs) / 1024
print(f"{label:<12} {secs:8.3f} s  {size / 1e6 / max(secs, 1e-9):8.2f} MB/s  peak RSS {peak:6.1f} MB")
PY
  rm -f "$log"
}

run "1 core" --threads 1
run "all cores"
