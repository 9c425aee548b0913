#!/bin/sh
# bench.sh - the benchmark behind `make bench`: generates a deterministic
# events file of N customers, then measures in one run (a) a raw libcsv
# parse of it and (b) `ndr report --format csv` over it, and prints wall
# time, rows/s, MB/s and peak RSS of each and the ratio b/a.
# Usage: bench/bench.sh BUILD_DIR N SEED REPEAT
set -eu
build=$1 n=$2 seed=$3 repeat=$4
file=$build/bench/events-$n-$seed.csv
mkdir -p "$build/bench"
if [ ! -s "$file" ]; then
    echo "generating $file ..."
    "$build/gen_events" --customers "$n" --seed "$seed" > "$file.tmp"
    mv "$file.tmp" "$file"
fi
bytes=$(wc -c < "$file")
rows=$(($(wc -l < "$file") - 1))

# best of `repeat` runs for each, interleaved so both see the same machine
best() { sort -n | head -1; }
: > "$build/bench/a.txt"
: > "$build/bench/b.txt"
i=0
while [ $i -lt "$repeat" ]; do
    "$build/measure" "$build/csvparse" "$file" >> "$build/bench/a.txt" 2>/dev/null
    "$build/measure" "$build/ndr" report --format csv --quiet "$file" >> "$build/bench/b.txt"
    i=$((i + 1))
done
for f in a b; do
    if awk '$3 != 0 { bad = 1 } END { exit !bad }' "$build/bench/$f.txt"; then
        echo "bench: a run failed (exit status in $build/bench/$f.txt)" >&2
        exit 1
    fi
done
a=$(best < "$build/bench/a.txt")
b=$(best < "$build/bench/b.txt")
echo "$a" "$b" | awk -v rows="$rows" -v bytes="$bytes" -v n="$n" -v r="$repeat" '{
    printf "file: %d customers, %d rows, %.1f MB (best of %d runs)\n", n, rows, bytes / 1e6, r
    printf "%-28s %9s %12s %9s %12s\n", "", "wall s", "rows/s", "MB/s", "peak RSS MiB"
    printf "%-28s %9.3f %12.0f %9.1f %12.1f\n", "(a) libcsv raw parse", $1, rows / $1, bytes / 1e6 / $1, $2 / 1024
    printf "%-28s %9.3f %12.0f %9.1f %12.1f\n", "(b) ndr report --format csv", $4, rows / $4, bytes / 1e6 / $4, $5 / 1024
    printf "ratio b/a (wall): %.2f\n", $4 / $1
}'
