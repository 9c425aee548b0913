#!/bin/sh
# bad_inputs.sh - the hostile-input corpus: every file in fixtures/bad/ must
# give the exit code, stdout and stderr recorded for it (fixtures/bad/
# cases.txt and fixtures/bad/expected/), never crash, keep the row accounting
# balanced, stop with exit 4 under --strict when it has bad rows, and be
# described in docs/errors.md.
# Usage: tests/bad_inputs.sh PATH/TO/ndr    (UPDATE=1 rewrites the expected files)
set -u
NDR=${1:?usage: tests/bad_inputs.sh PATH/TO/ndr}
export LC_ALL=C
dir=fixtures/bad
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
bad() { echo "FAIL $name: $*"; ok=0; }

# every fixture is listed, every listed fixture exists and is documented
for f in "$dir"/*.csv; do
    n=$(basename "$f" .csv)
    grep -q "^$n|" "$dir/cases.txt" || { echo "FAIL $f is not in $dir/cases.txt"; fail=$((fail + 1)); }
done

grep -v '^#' "$dir/cases.txt" > "$tmp/cases"
while IFS='|' read -r name want what; do
    ok=1
    f=$dir/$name.csv
    [ -f "$f" ] || { bad "missing $f"; fail=$((fail + 1)); continue; }
    grep -q "fixtures/bad/$name.csv" docs/errors.md || bad "not described in docs/errors.md"
    # -v: the accounting line even for a file with no bad row
    $NDR report -v -f csv --as-of 2022-01-31 "$f" >"$tmp/out" 2>"$tmp/err" </dev/null
    got=$?
    if [ "${UPDATE:-0}" = 1 ]; then
        mkdir -p "$dir/expected"
        cp "$tmp/out" "$dir/expected/$name.out"
        cp "$tmp/err" "$dir/expected/$name.err"
    fi
    [ "$got" = "$want" ] || bad "exit $got, want $want ($what)"
    cmp -s "$tmp/out" "$dir/expected/$name.out" || bad "stdout differs"
    cmp -s "$tmp/err" "$dir/expected/$name.err" ||
        { bad "stderr differs"; diff "$dir/expected/$name.err" "$tmp/err" | head -5; }
    # the accounting line balances and counts one reject message per rejected row
    acct=$(grep '^ndr: [0-9]* rows\{0,1\} read, ' "$tmp/err" | tail -n 1)
    set -- $(echo "$acct" | sed -n 's/^ndr: \([0-9]*\) rows\{0,1\} read, \([0-9]*\) used, \([0-9]*\) rejected.*/\1 \2 \3/p')
    if [ $# != 3 ]; then
        bad "no accounting line: $acct"
    else
        [ "$1" = $(($2 + $3)) ] || bad "accounting does not balance: $acct"
        msgs=$(grep -c "^ndr: $f:[0-9]*: " "$tmp/err")
        [ "$want" = 1 ] || [ "$msgs" = "$3" ] || bad "$3 rejected rows but $msgs messages"
    fi
    if [ "$want" = 3 ]; then
        $NDR report -f csv --strict --as-of 2022-01-31 "$f" >"$tmp/out" 2>"$tmp/err" </dev/null
        got=$?
        [ "$got" = 4 ] || bad "--strict: exit $got, want 4"
        [ -s "$tmp/out" ] && bad "--strict printed a report"
    fi
    if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done < "$tmp/cases"
echo "bad inputs: $pass passed, $fail failed"
[ "$fail" = 0 ]
