#!/bin/sh
# scale.sh - shard and merge are exact: for generated data and the fixtures,
# 'ndr merge' of the partials of N shards (N = 1, 2, 7) prints byte for byte
# what one 'ndr report' prints (CSV, table, and JSON but for the command line
# in its provenance), with the same exit code and row accounting; the GNU
# parallel and xargs -P recipes of docs/scale.md give the same; and merge
# refuses partials that do not belong together.
# Usage: tests/scale.sh PATH/TO/ndr PATH/TO/gen_events
set -u
NDR=${1:?usage: tests/scale.sh PATH/TO/ndr PATH/TO/gen_events}
GEN=${2:?usage: tests/scale.sh PATH/TO/ndr PATH/TO/gen_events}
export LC_ALL=C
case $NDR in /*) ;; *) NDR=$PWD/$NDR ;; esac # the recipes run elsewhere
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL scale: $*"; }

# generated data in two files (a customer's rows may be in both)
"$GEN" --customers 2500 --seed 11 --years 4 --start 2021-01 > "$tmp/all.csv"
head -n 1 "$tmp/all.csv" > "$tmp/b.csv"
awk 'NR == 1 || NR % 3 != 0' "$tmp/all.csv" > "$tmp/a.csv"
awk 'NR > 1 && NR % 3 == 0' "$tmp/all.csv" >> "$tmp/b.csv"

# same(name, format, args...): single run vs merge of 1, 2 and 7 shards
same() {
    name=$1 fmt=$2 prov=
    shift 2
    [ "$fmt" = json ] && prov=--provenance # the SHA-256 of JSON's provenance
    $NDR report -v -f "$fmt" "$@" > "$tmp/single" 2> "$tmp/single.err"
    want=$?
    for n in 1 2 7; do
        rm -f "$tmp"/part.*
        k=1
        while [ "$k" -le "$n" ]; do
            $NDR report -q --shard "$k/$n" -f partial $prov -o "$tmp/part.$k" "$@" 2>/dev/null
            k=$((k + 1))
        done
        $NDR merge -v -f "$fmt" "$tmp"/part.* > "$tmp/merged" 2> "$tmp/merged.err"
        got=$?
        if [ "$fmt" = json ]; then # the command line differs, as it should
            sed -i 's/"command": "[^"]*"/"command": C/' "$tmp/single" "$tmp/merged"
        fi
        grep -v "^ndr: $tmp\|^ndr: fixtures/" "$tmp/single.err" > "$tmp/s.acct"
        grep -v "^ndr: $tmp\|^ndr: fixtures/" "$tmp/merged.err" > "$tmp/m.acct"
        if [ "$got" = "$want" ] && { [ -s "$tmp/single" ] || [ "$want" != 0 ]; } &&
            cmp -s "$tmp/single" "$tmp/merged" &&
            cmp -s "$tmp/s.acct" "$tmp/m.acct"; then
            ok
        else
            bad "$name, $n shards: exit $got (want $want), or output differs"
            diff "$tmp/single" "$tmp/merged" | head -5
            diff "$tmp/s.acct" "$tmp/m.acct" | head -3
        fi
    done
}

same "generated, csv" csv "$tmp/a.csv" "$tmp/b.csv"
same "generated, table" table "$tmp/a.csv" "$tmp/b.csv"
same "generated, json" json "$tmp/a.csv" "$tmp/b.csv"
same "generated, window 1, quarterly" csv -w 1 --period quarter "$tmp/all.csv"
same "generated, as of a day" csv --as-of 2023-06-15 "$tmp/all.csv"
same "generated, survivor, threshold" csv --method survivor --min-prior-mrr 100 "$tmp/all.csv"
same "generated, from/to" csv --from 2022-03 --to 2023-02 "$tmp/all.csv"
same "generated, as of after the data" csv --as-of 2026-01-31 "$tmp/all.csv"
same "demo" csv fixtures/demo.csv
same "odd lines (quotes, spaces, CRLF, blank, bad rows, non-ASCII ids)" csv fixtures/scale/odd.csv
same "rejected rows" csv fixtures/cli/bad_rows.csv
same "stripe export" csv fixtures/stripe_subscriptions.csv
same "stripe invoice lines" csv fixtures/stripe_invoice_lines.csv
same "chartmogul" csv fixtures/chartmogul_line_items.csv
same "baremetrics" json fixtures/baremetrics.csv
same "chartmogul movements (MRR levels)" json fixtures/chartmogul_movements.csv
same "activities, twice (duplicates)" csv fixtures/chartmogul/activities.csv fixtures/chartmogul/activities.csv
same "fivetran lines, then invoices (join)" json fixtures/stripe/fivetran_invoice_line_item.csv fixtures/stripe/fivetran_invoice.csv
same "api invoices, then lines (join)" csv fixtures/stripe/api_invoices.csv fixtures/stripe/api_invoice_lines.csv
same "destinations (join, invoice currency)" csv fixtures/chartmogul/destinations_invoice_line_items.csv fixtures/chartmogul/destinations_invoices.csv
same "prorations" csv -w 1 fixtures/vendor/stripe_lines_prorations.csv fixtures/vendor/chartmogul_prorations.csv
same "a missing invoice" csv fixtures/stripe/fivetran_invoice_line_item.csv fixtures/vendor/stripe_lines_prorations.csv
same "accounts" csv --as-of 2024-01-31 --accounts fixtures/formats/accounts.csv fixtures/formats/accounts_events.csv
same "no period end" csv fixtures/cli/short.csv
same "fx" csv --as-of 2024-01-31 --currency USD --fx fixtures/formats/fx_rates.csv fixtures/formats/fx_events.csv

# rejected rows are reported once, by the shard of their customer
for f in fixtures/cli/bad_rows.csv fixtures/scale/odd.csv; do
    $NDR report -f csv "$f" 2>&1 >/dev/null | grep ':[0-9]*: ' | sort > "$tmp/r1"
    for k in 1 2 3; do
        $NDR report -q --shard $k/3 -f partial "$f" 2>&1 >/dev/null
    done | grep ':[0-9]*: ' | sort > "$tmp/r3"
    if [ -s "$tmp/r1" ] && cmp -s "$tmp/r1" "$tmp/r3"; then ok; else bad "$f: rejects not reported once"; fi
done

# every customer in exactly one shard: the shards' customer counts add up
for k in 1 2 3; do
    $NDR report -q --shard $k/3 -f csv --as-of 2024-12-31 "$tmp/all.csv" | tail -n 1 | cut -d, -f3
done | awk '{ s += $1 } END { print s }' > "$tmp/sum"
$NDR report -q -f csv --as-of 2024-12-31 "$tmp/all.csv" | tail -n 1 | cut -d, -f3 > "$tmp/one"
cmp -s "$tmp/sum" "$tmp/one" && ok || bad "shard cohorts do not add up"

# the recipes of docs/scale.md
$NDR report -q -f csv "$tmp/all.csv" > "$tmp/single"
if command -v parallel >/dev/null; then
    ( cd "$tmp" && seq 1 4 | parallel -j 2 "$NDR" report -q --shard {}/4 -f partial \
        -o part{}.ndr all.csv && "$NDR" merge -q -f csv part*.ndr > merged-parallel )
    cmp -s "$tmp/single" "$tmp/merged-parallel" && ok || bad "GNU parallel recipe"
else
    echo "scale: GNU parallel not installed, recipe skipped"
fi
rm -f "$tmp"/part*.ndr
seq 1 3 | xargs -P 2 -I {} "$NDR" report -q --shard {}/3 -f partial -o "$tmp/part-{}.ndr" "$tmp/all.csv"
cat "$tmp"/part-*.ndr | $NDR merge -q -f csv - > "$tmp/merged-xargs"
cmp -s "$tmp/single" "$tmp/merged-xargs" && ok || bad "xargs -P recipe (partials on stdin)"

# refusals
$NDR report -q --shard 1/3 -f partial -o "$tmp/x1" "$tmp/all.csv"
$NDR report -q --shard 2/3 -f partial -o "$tmp/x2" "$tmp/all.csv"
$NDR report -q --shard 2/3 -f partial -w 6 -o "$tmp/w2" "$tmp/all.csv"
$NDR report -q --shard 2/3 -f partial -o "$tmp/y2" "$tmp/a.csv"
$NDR report -q --shard 2/2 -f partial -o "$tmp/z2" "$tmp/all.csv"
refuse() { # want-message args...
    msg=$1
    shift
    $NDR merge -q -f csv "$@" > "$tmp/out" 2> "$tmp/err"
    rc=$?
    if [ "$rc" = 1 ] && [ ! -s "$tmp/out" ] && grep -q "$msg" "$tmp/err"; then ok; else
        bad "merge $* should fail with '$msg' (exit $rc: $(cat "$tmp/err"))"; fi
}
refuse "missing shard(s) of 3: 3/3" "$tmp/x1" "$tmp/x2"
refuse "shard 2/3 again" "$tmp/x1" "$tmp/x2" "$tmp/x2"
refuse "other parameters" "$tmp/x1" "$tmp/w2"
refuse "other inputs" "$tmp/x1" "$tmp/y2"
refuse "but the partials before are of 3 shards" "$tmp/x1" "$tmp/z2"
head -n 5 "$tmp/x2" > "$tmp/cut"
refuse "truncated" "$tmp/x1" "$tmp/cut"
refuse "not an ndr partial" "$tmp/x1" "$tmp/all.csv"

echo "scale: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
