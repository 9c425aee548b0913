#!/bin/sh
# chart.sh - the charts say what the report says: every SVG and HTML page is
# well-formed XML (xmllint), every plotted point carries the same percentage
# as the CSV of 'ndr report' / 'ndr cohorts' for the same period end or
# cohort cell, and the HTML page fetches nothing (no scripts, links or URLs).
# Usage: tests/chart.sh "PATH/TO/ndr"   (the command may carry a runner prefix)
set -u
NDR=${1:?usage: tests/chart.sh PATH/TO/ndr}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL chart: $*"; }

# attribute values of the nodes an XPath selects, one per line
values() {
    xmllint --xpath "$2" "$1" 2>/dev/null | tr ' ' '\n' | sed -n 's/^[a-z0-9-]*="\(.*\)"$/\1/p'
}

# series S of the trend: "period_end,pct" per plotted point
points() {
    sel="//*[local-name()='g'][@data-series='$2']/*[local-name()='circle']"
    values "$1" "$sel/@data-period-end" > "$tmp/ends"
    values "$1" "$sel/@data-pct" > "$tmp/pcts"
    paste -d, "$tmp/ends" "$tmp/pcts"
}

check_trend() { # name svg csv
    for s in ndr:10 grr:11 logo:12; do
        key=${s%%:*} col=${s#*:}
        points "$2" "$key" > "$tmp/got"
        awk -F, -v c="$col" 'NR > 1 && $c != "" { print $1 "," $c }' "$3" > "$tmp/want"
        if [ -s "$tmp/want" ] && cmp -s "$tmp/got" "$tmp/want"; then ok; else
            bad "$1: $key points differ from the report"; diff "$tmp/want" "$tmp/got" | head -5; fi
    done
    n=$(values "$2" "//*[local-name()='line'][@class='hundred']/@y1" | wc -l)
    [ "$n" -eq 1 ] && ok || bad "$1: no 100% line"
}

check_cohorts() { # name svg csv
    sel="//*[local-name()='rect'][@data-cohort]"
    values "$2" "$sel/@data-cohort" > "$tmp/c"
    values "$2" "$sel/@data-months" > "$tmp/m"
    values "$2" "$sel/@data-pct" > "$tmp/p"
    paste -d, "$tmp/c" "$tmp/m" "$tmp/p" > "$tmp/got"
    awk -F, 'NR > 1 { print $1 "," $2 "," $6 }' "$3" > "$tmp/want"
    if [ -s "$tmp/want" ] && cmp -s "$tmp/got" "$tmp/want"; then ok; else
        bad "$1: heatmap cells differ from the cohorts"; diff "$tmp/want" "$tmp/got" | head -5; fi
}

wellformed() { # name file
    if xmllint --noout "$2" 2> "$tmp/xml.err"; then ok; else
        bad "$1: not well-formed"; head -3 "$tmp/xml.err"; fi
}

for args in "fixtures/demo.csv" "-w 1 fixtures/examples/j.csv" "fixtures/methods/methods.csv" \
    "--method ttm-mean fixtures/methods/methods.csv" "--period quarter fixtures/demo.csv" \
    "--from 2023-01 fixtures/demo.csv" "fixtures/stripe_subscriptions.csv"; do
    name="ndr chart $args"
    # shellcheck disable=SC2086
    $NDR report -q -f csv $args > "$tmp/r.csv" 2>/dev/null
    # shellcheck disable=SC2086
    $NDR cohorts -q -f csv fixtures/${args##*fixtures/} > "$tmp/c.csv"
    # shellcheck disable=SC2086
    $NDR chart -q -f svg $args > "$tmp/t.svg" && ok || bad "$name -f svg: exit $?"
    wellformed "$name (trend)" "$tmp/t.svg"
    check_trend "$name" "$tmp/t.svg" "$tmp/r.csv"
    # shellcheck disable=SC2086
    $NDR chart -q -f svg --chart cohorts fixtures/${args##*fixtures/} > "$tmp/h.svg" && ok ||
        bad "$name --chart cohorts: exit $?"
    wellformed "$name (heatmap)" "$tmp/h.svg"
    check_cohorts "$name" "$tmp/h.svg" "$tmp/c.csv"
    # shellcheck disable=SC2086
    $NDR chart -q $args > "$tmp/p.html" && ok || bad "$name (html): exit $?"
    wellformed "$name (html)" "$tmp/p.html"
    # the page's trend is the same chart, with the same points
    check_trend "$name (html)" "$tmp/p.html" "$tmp/r.csv"
    if sed 's#xmlns="http://www.w3.org/2000/svg"##g' "$tmp/p.html" |
        grep -Eiq '<script|<link|<img|<iframe|src=|href=|url\(|@import|://'; then
        bad "$name: the page refers to something outside it"
    else ok; fi
    # its headline is the report's last period end
    last=$(tail -n 1 "$tmp/r.csv" | cut -d, -f10)
    if [ -n "$last" ] && grep -q "NDR <b>$last%</b>" "$tmp/p.html"; then ok; else
        bad "$name: headline NDR is not $last%"; fi
done

echo "chart: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
