#!/bin/sh
# scale.sh - the shard benchmark behind `make bench`: on the bench file, the
# wall time of one `ndr report -f csv` against the same report made by 2
# shard processes run side by side plus `ndr merge` (the recipe of
# docs/scale.md, with xargs -P), interleaved, best of REPEAT; checks the two
# outputs are identical. Usage: bench/scale.sh BUILD_DIR N SEED REPEAT
set -eu
build=$1 n=$2 seed=$3 repeat=$4
file=$build/bench/events-$n-$seed.csv
out=$build/bench/scale
mkdir -p "$out"
now() { date +%s.%N; }
: > "$out/one.txt"
: > "$out/two.txt"
i=0
while [ $i -lt "$repeat" ]; do
    t0=$(now)
    "$build/ndr" report -q -f csv -o "$out/single.csv" "$file"
    t1=$(now)
    seq 1 2 | xargs -P 2 -I {} "$build/ndr" report -q --shard {}/2 -f partial \
        -o "$out/part{}.ndr" "$file"
    "$build/ndr" merge -q -f csv -o "$out/merged.csv" "$out/part1.ndr" "$out/part2.ndr"
    t2=$(now)
    cmp -s "$out/single.csv" "$out/merged.csv" || { echo "scale: outputs differ" >&2; exit 1; }
    echo "$t0 $t1" | awk '{ print $2 - $1 }' >> "$out/one.txt"
    echo "$t1 $t2" | awk '{ print $2 - $1 }' >> "$out/two.txt"
    i=$((i + 1))
done
one=$(sort -n "$out/one.txt" | head -1)
two=$(sort -n "$out/two.txt" | head -1)
echo "$one $two" | awk -v r="$repeat" -v cpus="$(nproc)" '{
    printf "shards (best of %d, %d CPUs): 1 process %.3f s, 2 shard processes + merge %.3f s, ratio %.2f\n",
        r, cpus, $1, $2, $2 / $1 }'
