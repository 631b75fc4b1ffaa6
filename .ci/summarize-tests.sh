#!/usr/bin/env bash
# Adds up the counters of every .trx file in a folder and prints one closing line:
# "Tests: N passed, N failed, N skipped".
set -euo pipefail
dir="$1"
passed=0 failed=0 total=0 executed=0
shopt -s nullglob
files=("$dir"/*.trx)
if [ ${#files[@]} -eq 0 ]; then
  echo "no test results found in $dir" >&2
  echo "Tests: 0 passed, 1 failed"
  exit 1
fi
for f in "${files[@]}"; do
  counters="$(grep -o '<Counters [^>]*>' "$f" | head -1)"
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed)))
  total=$((total + $(get total)))
  executed=$((executed + $(get executed)))
done
skipped=$((total - executed))
echo "Tests: $passed passed, $failed failed, $skipped skipped"
