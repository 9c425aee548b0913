#!/bin/sh
# formats.sh - `make bench`, part 3: every input format read at scale. From
# the generated events file (N customers) it writes one file per vendor
# format with a row for each event (awk; cached in BUILD/bench), then times
# `ndr report --format csv` on each, and on the first half of each file's
# rows, so that a reader that is not linear in rows shows as a full/half
# ratio well above 2. The vendor files are the events' shape, not a faithful
# history (a line per event, a month long): they measure the readers, the
# timeline and the joins, not figures.
# Usage: bench/formats.sh BUILD_DIR N SEED REPEAT
set -eu
build=$1 n=$2 seed=$3 repeat=$4
dir=$build/bench
events=$dir/events-$n-$seed.csv
[ -s "$events" ] || { echo "formats.sh: run bench/bench.sh first ($events)" >&2; exit 1; }

# the events sorted by subscription and date (movements need the order)
sorted=$dir/events-$n-$seed.sorted.csv
[ -s "$sorted" ] || { head -1 "$events"; tail -n +2 "$events" | sort -t, -k2,2 -k3,3 -s; } > "$sorted"

# make NAME AWK-PROGRAM: writes $dir/fmt-NAME-$n-$seed.csv from the events once
write_format() {
    out=$dir/fmt-$1-$n-$seed.csv
    [ -s "$out" ] && return 0
    awk -F, "$2" "$sorted" > "$out.tmp" && mv "$out.tmp" "$out"
}
# the day a month after $3 (YYYY-MM-DD; days past 28 clamp to 28)
next_month='function nm(d,  y, m, dd) { y = substr(d, 1, 4) + 0; m = substr(d, 6, 2) + 1;
    dd = substr(d, 9, 2) + 0; if (m > 12) { m = 1; y++ } if (dd > 28) dd = 28;
    return sprintf("%04d-%02d-%02d", y, m, dd) }
function cents(x) { return sprintf("%d", x * 100 + 0.5) }'

write_format stripe-invoice-lines "$next_month"'
NR == 1 { print "id,invoice_id,customer_id,subscription_id,period_start,period_end,amount,currency"; next }
$4 + 0 > 0 { print "il_" NR ",in_" NR "," $1 "," $2 "," $3 " 00:00:00," nm($3) " 00:00:00," cents($4) ",usd" }'
write_format fivetran-lines "$next_month"'
NR == 1 { print "id,invoice_id,amount,currency,period_end,period_start,proration,subscription_id,type"; next }
$4 + 0 > 0 { print "il_" NR ",in_" NR "," cents($4) ",usd," nm($3) " 00:00:00," $3 " 00:00:00,FALSE," $2 ",subscription" }'
write_format fivetran-invoices '
NR == 1 { print "id,customer_id,currency,amount_due,status"; next }
$4 + 0 > 0 { print "in_" NR "," $1 ",usd,0,paid" }'
write_format chartmogul-line-items "$next_month"'
NR == 1 { print "invoice_external_id,customer_external_id,currency,type,subscription_external_id,service_period_start,service_period_end,amount_in_cents,tax_amount_in_cents,external_id"; next }
$4 + 0 > 0 { print "in_" NR "," $1 ",USD,subscription," $2 "," $3 "T00:00:00Z," nm($3) "T00:00:00Z," cents($4) ",0,li_" NR }'
write_format chartmogul-movements "$next_month"'
NR == 1 { print "DATE,CUSTOMER_EXTERNAL_ID,SUBSCRIPTION_EXTERNAL_ID,MRR_MOVEMENT,MOVEMENT_TYPE,UUID"; next }
{ c = cents($4); d = c - (($2 in last) ? last[$2] : 0); last[$2] = c
  print $3 " 00:00:00," $1 "," $2 "," d ",movement,u" NR }'
write_format stripe-subscriptions '
NR == 1 { print "id,Customer ID,Status,Start Date (UTC),Interval,Amount,Quantity"; next }
$4 + 0 > 0 { print $2 "_" NR "," $1 ",active," $3 " 00:00,month," $4 ",1" }'
write_format baremetrics '
NR == 1 { print "customer_oid,subscription_oid,subscription_started_at,plan_amount,plan_interval,plan_currency"; next }
$4 + 0 > 0 { printf "%s,%s_%d,%s,%d,month,USD\n", $1, $2, NR, $3, $4 * 100 + 0.5 }'

# one subscription with 38,000 one-day lines two days apart (1990-2198): the
# case that was quadratic in a subscription's lines (issue #16)
gapped=$dir/fmt-gapped-lines.csv
[ -s "$gapped" ] || awk 'BEGIN {
    print "id,invoice_id,customer_id,subscription_id,period_start,period_end,amount,currency"
    for (i = 0; i < 38000; i++) {
        a = 631152000 + i * 172800
        printf "il_%d,in_%d,cus_1,sub_1,%d,%d,100,usd\n", i, i, a, a + 86400
    } }' > "$gapped"

# time CMD...: best of `repeat` runs as "wall maxrss_kib exit" (bench/measure)
best() {
    : > "$dir/t.txt"
    i=0
    while [ $i -lt "$repeat" ]; do
        "$build/measure" "$@" >> "$dir/t.txt"
        i=$((i + 1))
    done
    if awk '$3 != 0 { bad = 1 } END { exit !bad }' "$dir/t.txt"; then
        echo "formats.sh: a run failed: $*" >&2
        exit 1
    fi
    sort -n "$dir/t.txt" | head -1
}
# half FILE: its header and first half of its rows
half() {
    rows=$(($(wc -l < "$1") - 1))
    head -n $((rows / 2 + 1)) "$1" > "$1.half"
    echo "$1.half"
}

printf '%-34s %10s %8s %12s %8s %11s\n' "format (file)" rows "wall s" rows/s "RSS MiB" full/half
run() {
    label=$1
    shift
    rows=0
    for f in "$@"; do rows=$((rows + $(wc -l < "$f") - 1)); done
    full=$(best "$build/ndr" report --format csv --quiet "$@")
    halves=""
    for f in "$@"; do halves="$halves $(half "$f")"; done
    # shellcheck disable=SC2086
    hw=$(best "$build/ndr" report --format csv --quiet $halves)
    echo "$full" "$hw" | awk -v l="$label" -v rows="$rows" '{
        printf "%-34s %10d %8.3f %12.0f %8.1f %11.2f\n", l, rows, $1, rows / $1, $2 / 1024, $1 / $4 }'
}
run events "$events"
for f in stripe-invoice-lines chartmogul-line-items chartmogul-movements stripe-subscriptions baremetrics; do
    run "$f" "$dir/fmt-$f-$n-$seed.csv"
done
run "one subscription, 38k gapped lines" "$gapped"
run "fivetran lines + invoices (join)" "$dir/fmt-fivetran-lines-$n-$seed.csv" \
    "$dir/fmt-fivetran-invoices-$n-$seed.csv"
