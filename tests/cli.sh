#!/bin/sh
# cli.sh - golden tests of the ndr command line: each case runs a command and
# compares its stdout, stderr and exit code with fixtures/expected/NAME.*.
# Usage: tests/cli.sh PATH/TO/ndr     (UPDATE=1 rewrites the expected files)
set -u
NDR=${1:?usage: tests/cli.sh PATH/TO/ndr}
export NDR LC_ALL=C
exp=fixtures/expected
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
T=$tmp/files
export T
pass=0
fail=0

# name | expected exit code | command (sh syntax; $NDR is the binary, $T an
# empty directory of the case's own, shown as TMP in the expected output)
# The output_dev_null and output_device_write_error cases write to /dev/null
# and /dev/full: an ndr from before -o wrote devices in place renames a file
# over them when run as root, so do not run this script as root on such a build.
cases='
help|0|$NDR --help
version|0|$NDR --version
report_help|0|$NDR report --help
no_args|2|$NDR
unknown_subcommand|2|$NDR frobnicate x.csv
unknown_option|2|$NDR report --bogus fixtures/demo.csv
bad_window|2|$NDR report --window 0 fixtures/demo.csv
bad_format|2|$NDR report --format xml fixtures/demo.csv
bad_as_of|2|$NDR report --as-of 2021-02-30 fixtures/demo.csv
as_of_with_from|2|$NDR report --as-of 2024-06-30 --from 2024-01 fixtures/demo.csv
no_file|2|$NDR report
demo_csv|0|$NDR report -f csv fixtures/demo.csv
demo_json|0|$NDR report --format json fixtures/demo.csv
demo_table|0|$NDR report --format table fixtures/demo.csv
example_j_table_change|0|$NDR report -q -f table -w 1 fixtures/examples/j.csv
incomplete_table|0|$NDR report -q -f table --as-of 2025-07-15 fixtures/demo.csv
demo_stdin|0|$NDR report -f csv - < fixtures/demo.csv
demo_range|0|$NDR report -f csv --from 2024-06 --to 2024-08 fixtures/demo.csv
demo_window1_quiet|0|$NDR report -f csv -q -w 1 --from 2025-05 fixtures/demo.csv
demo_as_of|0|$NDR report -f csv --as-of 2025-06-15 fixtures/demo.csv
crlf_two_files|0|$NDR report -f csv fixtures/cli/crlf.csv fixtures/cli/short.csv
bad_rows|3|$NDR report -f csv fixtures/cli/bad_rows.csv
bad_rows_strict|4|$NDR report -f csv --strict fixtures/cli/bad_rows.csv
missing_column|1|$NDR report fixtures/cli/missing_column.csv
missing_file|1|$NDR report fixtures/cli/no-such-file.csv fixtures/demo.csv
empty_file|1|$NDR report fixtures/bad/empty.csv
utf16|1|$NDR report fixtures/bad/utf16.csv
not_enough_history|1|$NDR report fixtures/cli/short.csv
method_compound_two_centuries|0|lim=150000; case "$NDR" in *valgrind*|*/san/*) lim=unlimited;; esac; (ulimit -v $lim; NDR_TODAY=2199-12-31 $NDR report -q -f csv --method compound -w 1200 fixtures/cli/two_centuries.csv) | sed -n "1p;2p;\$p"
cohorts_too_many_cells|1|NDR_TODAY=2199-12-31 $NDR cohorts -q -f csv fixtures/cli/every_month.csv
cohorts_narrowed|0|NDR_TODAY=2199-12-31 $NDR cohorts -q -f csv --from 2190-01 --to 2190-02 fixtures/cli/every_month.csv | sed -n "1,3p;\$p"
chart_latest_cohorts|0|NDR_TODAY=2199-12-31 $NDR chart -q -o "$T/c.html" fixtures/cli/every_month.csv && grep -c "data-months=\"0\"" "$T/c.html" && grep -o "data-cohort=\"[0-9-]*\"" "$T/c.html" | sed -n "1p;\$p"
methods_undefined_part|0|$NDR methods -q -f csv --as-of 2024-12-31 fixtures/cli/late_start.csv
odd_file_name_json|0|n=$(printf "$T/a\\nb\\351.csv"); cp fixtures/demo.csv "$n"; $NDR report -q -f json --as-of 2025-06-30 "$n" | python3 -c "import json, sys; d = json.loads(sys.stdin.buffer.read().decode(\"utf-8\")); f = d[\"accounting\"][\"files\"][0][\"file\"]; p = d[\"provenance\"]; print(repr(f[-9:]), type(p).__name__)"
odd_file_name_message|1|$NDR report "$(printf "$T/no\\nsuch\\351.csv")"
odd_file_name_rejects|3|n=$(printf "$T/r\\tx\\351.csv"); cp fixtures/cli/bad_rows.csv "$n"; $NDR report -q -f csv "$n" > /dev/null
stdin_twice|2|$NDR report - - < fixtures/demo.csv
stdin_twice_fx|2|$NDR report --currency USD --fx - - < fixtures/demo.csv
years_from_year_1_shard|2|$NDR report --shard 1/2 -f partial --from 0001-01 -w 1200 fixtures/demo.csv
years_from_minus_window|2|$NDR report --from 1950-01 -w 1200 fixtures/demo.csv
years_to_9999|2|$NDR report --shard 1/2 -f partial --to 9999-12 fixtures/demo.csv
years_as_of_2200|2|$NDR report --as-of 2200-01-31 fixtures/demo.csv
years_data_through_1899|2|$NDR movements --data-through 1899-12-31 fixtures/demo.csv
shard_from_before_data|0|$NDR report -q --shard 1/2 -f partial --from 1990-01 fixtures/demo.csv | grep -c "^period"; $NDR report -q --shard 1/2 -f partial fixtures/demo.csv | grep -c "^period"
as_of_too_early|2|$NDR report --as-of 1900-06-30 fixtures/demo.csv
write_error|1|$NDR report -f csv fixtures/demo.csv > /dev/full
help_write_error|1|$NDR report --help > /dev/full
output_file|0|$NDR report -q -o "$T/r.csv" fixtures/demo.csv && cat "$T/r.csv" && ls -A "$T"
output_json_by_extension|0|$NDR report -o "$T/r.json" --as-of 2025-06-30 fixtures/demo.csv && cat "$T/r.json"
output_kept_on_failure|1|echo old > "$T/k.csv"; $NDR report -o "$T/k.csv" fixtures/bad/empty.csv; s=$?; cat "$T/k.csv"; ls -A "$T"; exit $s
output_kept_on_full_disk|1|echo old > "$T/f.csv"; (trap "" XFSZ; ulimit -f 1; $NDR report -o "$T/f.csv" fixtures/demo.csv); s=$?; cat "$T/f.csv"; ls -A "$T"; exit $s
output_dir_missing|1|$NDR report -o /nonexistent/dir/r.csv fixtures/demo.csv
output_same_as_input|2|cp fixtures/demo.csv "$T/e.csv"; $NDR report -o "$T/e.csv" "$T/e.csv"; s=$?; cmp fixtures/demo.csv "$T/e.csv" && echo input intact; ls -A "$T"; exit $s
output_same_as_stdin|2|cp fixtures/demo.csv "$T/e.csv"; $NDR report -o "$T/e.csv" - < "$T/e.csv"; s=$?; cmp fixtures/demo.csv "$T/e.csv" && echo input intact; ls -A "$T"; exit $s
output_same_as_input_via_link|2|cp fixtures/demo.csv "$T/e.csv"; ln "$T/e.csv" "$T/hard.csv"; ln -s e.csv "$T/soft.csv"; $NDR report -o "$T/hard.csv" "$T/e.csv"; echo "exit $?"; $NDR report -o "$T/soft.csv" "$T/e.csv"; s=$?; cmp fixtures/demo.csv "$T/e.csv" && echo input intact; exit $s
output_same_as_fx|2|cp fixtures/formats/fx_rates.csv "$T/fx.csv"; $NDR report --currency USD --fx "$T/fx.csv" -o "$T/fx.csv" --as-of 2024-01-31 fixtures/formats/fx_events.csv; s=$?; cmp fixtures/formats/fx_rates.csv "$T/fx.csv" && echo input intact; exit $s
output_same_as_accounts|2|cp fixtures/formats/accounts.csv "$T/a.csv"; $NDR report --accounts "$T/a.csv" -o "$T/a.csv" --as-of 2024-01-31 fixtures/formats/accounts_events.csv; s=$?; cmp fixtures/formats/accounts.csv "$T/a.csv" && echo input intact; exit $s
output_same_as_partial|2|$NDR report -q --shard 1/1 -f partial -o "$T/p1" fixtures/demo.csv; cp "$T/p1" "$T/copy"; $NDR merge -o "$T/p1" "$T/p1"; s=$?; cmp "$T/copy" "$T/p1" && echo input intact; exit $s
output_symlink|0|echo old > "$T/target.csv"; mkdir "$T/d"; ln -s ../target.csv "$T/d/l1"; ln -s d/l1 "$T/link.csv"; $NDR report -q -f csv --as-of 2025-06-30 -o "$T/link.csv" fixtures/demo.csv; s=$?; test -L "$T/link.csv" && test -L "$T/d/l1" && echo links kept; cat "$T/target.csv"; ls -A "$T" "$T/d"; exit $s
output_symlink_dangling|0|ln -s new.csv "$T/link.csv"; $NDR report -q -f csv --as-of 2025-06-30 -o "$T/link.csv" fixtures/demo.csv; s=$?; test -L "$T/link.csv" && echo link kept; cat "$T/new.csv"; exit $s
output_symlink_kept_on_failure|1|echo old > "$T/target.csv"; ln -s target.csv "$T/link.csv"; $NDR report -o "$T/link.csv" fixtures/bad/empty.csv; s=$?; test -L "$T/link.csv" && echo link kept; cat "$T/target.csv"; ls -A "$T"; exit $s
output_fifo|0|mkfifo "$T/p"; timeout 10 cat "$T/p" > "$T/got" & timeout 10 $NDR report -q -f csv --as-of 2025-06-30 -o "$T/p" fixtures/demo.csv; s=$?; wait; test -p "$T/p" && echo still a fifo; cat "$T/got"; ls -A "$T"; exit $s
output_mode_kept|0|: > "$T/r.csv"; chmod 640 "$T/r.csv"; $NDR report -q -o "$T/r.csv" fixtures/demo.csv && stat -c %a "$T/r.csv" && ln -s r.csv "$T/l.csv" && $NDR report -q -o "$T/l.csv" fixtures/demo.csv && stat -c %a "$T/r.csv"
output_block_device|1|if mknod "$T/blk" b 7 200 2>/dev/null; then $NDR report -o "$T/blk" fixtures/demo.csv; s=$?; test -b "$T/blk" && echo still a block device; exit $s; else echo "ndr: TMP/blk: is a block device (a disk); -o writes to a file, a character device or a FIFO" >&2; echo still a block device; exit 1; fi
output_directory|1|mkdir "$T/d"; $NDR report -o "$T/d" fixtures/demo.csv; s=$?; ls -A "$T" "$T/d"; exit $s
output_dev_null|0|$NDR report -q -o /dev/null fixtures/demo.csv; s=$?; test -c /dev/null && echo still a device; exit $s
output_device_write_error|1|$NDR report -o /dev/full fixtures/demo.csv; s=$?; test -c /dev/full && echo still a device; exit $s
formats_stripe_auto|0|$NDR report -f csv --as-of 2024-12-31 fixtures/stripe_subscriptions.csv
formats_invoice_lines_not_mrr|0|$NDR report -f csv --as-of 2024-12-31 fixtures/stripe_invoice_lines.csv
formats_invoice_lines_default_range|0|$NDR report -v -f csv fixtures/stripe_invoice_lines.csv
formats_list|0|$NDR formats
formats_events_with_billing_columns|0|$NDR report -f csv --as-of 2024-01-31 fixtures/formats/events_billing_columns.csv
formats_same_file_twice|0|$NDR report -f csv --as-of 2024-12-31 fixtures/chartmogul_movements.csv fixtures/chartmogul_movements.csv
formats_warehouse_join|0|$NDR report -v -f csv --from 2024-11 fixtures/stripe/fivetran_invoice_line_item.csv fixtures/stripe/fivetran_invoice.csv
formats_warehouse_missing_invoice|3|head -4 fixtures/stripe/fivetran_invoice_line_item.csv > "$T/lines.csv"; sed 2d fixtures/stripe/fivetran_invoice.csv > "$T/inv.csv"; $NDR report -f csv --as-of 2023-02-28 -w 1 "$T/lines.csv" "$T/inv.csv"
formats_legacy_start_only|0|cut -d, -f1-12,14,16- fixtures/stripe_subscriptions.csv | $NDR report -f csv --as-of 2024-12-31 -
formats_minor_units_decimal|3|$NDR report -f csv -w 1 --as-of 2023-02-28 fixtures/formats/baremetrics_decimal.csv
data_through_option|0|$NDR report -f csv -w 1 --data-through 2024-06-02 fixtures/vendor/stripe_lines_prorations.csv
data_through_warning|0|$NDR report -f csv -w 1 --to 2024-07 fixtures/vendor/stripe_lines_prorations.csv
data_through_on_merge|2|$NDR merge --data-through 2024-06-02 x.ndr
formats_given_format_mismatch|1|$NDR report --format-in baremetrics fixtures/stripe_subscriptions.csv
formats_bad_format_in|2|$NDR report --format-in xls fixtures/demo.csv
formats_map|0|$NDR report -f csv --as-of 2024-01-31 --map customer_id=client --map "mrr=Amount USD" fixtures/formats/mapped.csv
formats_map_no_such_column|1|$NDR report --map customer_id=account fixtures/demo.csv
formats_map_identity|0|sed 1s/date/Date/ fixtures/demo.csv | $NDR report -f csv --as-of 2025-06-30 --map date=Date -
formats_map_identity_case|0|$NDR report -f csv --as-of 2025-06-30 --map Customer_ID=customer_id fixtures/demo.csv
formats_map_name_twice|2|$NDR report --map date=a --map date=b fixtures/demo.csv
formats_map_column_twice|2|$NDR report --map date=x --map customer_id=X fixtures/cli/no-such-file.csv
fx_spot|0|$NDR report -f csv --as-of 2024-01-31 --currency USD --fx fixtures/formats/fx_rates.csv fixtures/formats/fx_events.csv
fx_constant|0|$NDR report -f csv --as-of 2024-01-31 --currency USD --fx fixtures/formats/fx_rates.csv --fx-mode constant fixtures/formats/fx_events.csv
movements_fx_spot|0|$NDR movements -q -f csv --to 2024-01 --currency USD --fx fixtures/formats/fx_rates.csv fixtures/formats/fx_events.csv
movements_fx_constant|0|$NDR movements -q -f csv --to 2024-01 --currency USD --fx fixtures/formats/fx_rates.csv --fx-mode constant fixtures/formats/fx_events.csv
cohorts_fx_spot|0|$NDR cohorts -q -f csv --currency USD --fx fixtures/formats/fx_rates_monthly.csv fixtures/formats/fx_events.csv
cohorts_fx_constant|0|$NDR cohorts -q -f csv --currency USD --fx fixtures/formats/fx_rates_monthly.csv --fx-mode constant fixtures/formats/fx_events.csv
fx_mixed_without_rates|1|$NDR report -f csv --as-of 2024-01-31 fixtures/formats/fx_events.csv
fx_needs_currency|2|$NDR report --fx fixtures/formats/fx_rates.csv fixtures/formats/fx_events.csv
fx_bom_crlf|0|$NDR report -f csv --as-of 2024-01-31 --currency USD --fx fixtures/cli/fx_bom_crlf.csv fixtures/formats/fx_events.csv
movements_bridge|0|$NDR movements -f csv fixtures/movements/bridge.csv
movements_table|0|$NDR movements -q -f table --from 2025-01 fixtures/demo.csv
movements_help|0|$NDR movements --help
movements_no_window|2|$NDR movements --window 3 fixtures/demo.csv
cohorts_csv_logos|0|$NDR cohorts -f csv --logos fixtures/cohorts/cohorts.csv
cohorts_table_quarter|0|$NDR cohorts -q -f table --cohort quarter --logos fixtures/cohorts/cohorts.csv
cohorts_json|0|$NDR cohorts -f json --cohort year fixtures/cohorts/cohorts.csv
cohorts_help|0|$NDR cohorts --help
cohorts_bad_period|2|$NDR cohorts --cohort week fixtures/demo.csv
cohort_option_on_report|2|$NDR report --cohort month fixtures/demo.csv
by_segment_named_all|0|$NDR report -q -f csv --by plan --as-of 2024-01-31 fixtures/segments/plan_all.csv && $NDR report -q -f table --by plan --as-of 2024-01-31 fixtures/segments/plan_all.csv
by_region_csv|0|$NDR report -f csv --by region --as-of 2024-01-31 fixtures/segments/by_region.csv
by_plan_table|0|$NDR report -q -f table --by plan --from 2025-05 fixtures/demo.csv
by_plan_json|0|$NDR report -f json --by plan --as-of 2025-06-30 fixtures/demo.csv
by_stripe_metadata|0|$NDR report -q -f csv --by plan_tier --as-of 2024-12-31 fixtures/stripe_subscriptions.csv
by_no_such_column|1|$NDR report --by region fixtures/demo.csv
by_on_movements|2|$NDR movements --by plan fixtures/demo.csv
explain_csv|0|$NDR explain -f csv --as-of 2025-06-30 fixtures/demo.csv
explain_top_table|0|$NDR explain -f table --top 2 --as-of 2025-06-30 fixtures/demo.csv
explain_json|0|$NDR explain -f json -w 1 --as-of 2024-03-31 fixtures/movements/bridge.csv
explain_help|0|$NDR explain --help
explain_needs_as_of|2|$NDR explain fixtures/demo.csv
explain_top_on_report|2|$NDR report --top 3 fixtures/demo.csv
methods_table|0|$NDR methods -f table --as-of 2024-12-31 fixtures/methods/methods.csv
methods_csv|0|$NDR methods -f csv --as-of 2024-12-31 fixtures/methods/methods.csv
methods_json_arr|0|$NDR methods -f json --basis arr --as-of 2024-12-31 fixtures/methods/methods.csv
methods_figma|0|$NDR methods -f csv --min-prior-arr 10000 --min-current-arr 10000 --as-of 2024-12-31 fixtures/methods/methods.csv
methods_help|0|$NDR methods --help
methods_needs_as_of|2|$NDR methods fixtures/demo.csv
method_revenue_ttm_provenance|0|$NDR report -f csv --provenance --method revenue-ttm fixtures/methods/methods.csv
method_compound_table|0|$NDR report -f table --method compound fixtures/demo.csv
method_quarterly_arr|0|$NDR report -f csv --period quarter --basis arr fixtures/demo.csv
method_revenue_quarter_year|0|$NDR report -f csv --method revenue-quarter --period year fixtures/methods/methods.csv
method_survivor_min_mrr|0|$NDR report -f csv --method survivor --min-prior-mrr 250 --as-of 2024-12-31 fixtures/methods/methods.csv
method_bad_name|2|$NDR report --method median fixtures/demo.csv
method_arr_revenue|2|$NDR report --method revenue-ttm --basis arr fixtures/demo.csv
method_on_movements|2|$NDR movements --method compound fixtures/demo.csv
threshold_bad|2|$NDR report --min-prior-arr ten fixtures/demo.csv
method_by_ttm|2|$NDR report --by plan --method ttm-mean fixtures/demo.csv
provenance_fx|0|$NDR report -f table --provenance --currency USD --fx fixtures/formats/fx_rates.csv --as-of 2024-01-31 fixtures/formats/fx_events.csv
accounts_rollup|0|$NDR report -f csv --as-of 2024-01-31 --accounts fixtures/formats/accounts.csv fixtures/formats/accounts_events.csv
accounts_bom_crlf|0|$NDR report -f csv --as-of 2024-01-31 --accounts fixtures/cli/accounts_bom_crlf.csv fixtures/formats/accounts_events.csv
accounts_chain|1|$NDR report -f csv --as-of 2024-01-31 --accounts fixtures/cli/accounts_chain.csv fixtures/formats/accounts_events.csv
chart_help|0|$NDR chart --help
chart_svg_trend|0|$NDR chart -f svg -w 1 fixtures/examples/j.csv
chart_svg_cohorts|0|$NDR chart -f svg --chart cohorts fixtures/cohorts/cohorts.csv
chart_html|0|$NDR chart -w 1 fixtures/examples/j.csv
chart_svg_by_extension|0|$NDR chart -o "$T/t.svg" -w 1 fixtures/examples/j.csv && head -c 80 "$T/t.svg" && ls -A "$T"
chart_bad_format|2|$NDR chart -f csv fixtures/demo.csv
chart_as_of|2|$NDR chart --as-of 2025-06-30 fixtures/demo.csv
chart_cohorts_html|2|$NDR chart -f html --chart cohorts fixtures/demo.csv
chart_on_report|2|$NDR report --chart trend fixtures/demo.csv
chart_fail_below|5|$NDR chart --fail-below 110 -f svg fixtures/demo.csv > /dev/null
fail_below_ok|0|$NDR report -f csv --as-of 2025-06-30 --fail-below 100.89 fixtures/demo.csv
fail_below_hit|5|$NDR report -f csv --as-of 2025-06-30 --fail-below 100.891 fixtures/demo.csv
fail_below_uses_last_period|0|$NDR report -f csv --from 2025-04 --fail-below 100 fixtures/demo.csv
fail_below_undefined|5|$NDR report -f csv --as-of 2023-01-15 --fail-below 90 fixtures/demo.csv
fail_below_and_rejected|5|$NDR report -f csv --fail-below 200 fixtures/cli/bad_rows.csv
fail_below_bad|2|$NDR report --fail-below ninety fixtures/demo.csv
fail_below_movements|2|$NDR movements --fail-below 100 fixtures/demo.csv
as_of_last_month_end|0|NDR_TODAY=2025-07-04 $NDR report -f csv --as-of last-month-end fixtures/demo.csv
as_of_last_month_end_january|0|NDR_TODAY=2025-01-01 $NDR report -f csv --as-of last-month-end fixtures/demo.csv
as_of_today|0|NDR_TODAY=2025-06-30 $NDR report -f csv --as-of today fixtures/demo.csv
as_of_today_stale|0|NDR_TODAY=2025-07-04 $NDR report -f csv --as-of today fixtures/demo.csv
as_of_bad_today|2|NDR_TODAY=yesterday $NDR report --as-of today fixtures/demo.csv
verbose|0|$NDR report -v -f csv --as-of 2025-06-30 fixtures/demo.csv
verbose_quiet|0|$NDR report -v -q -f csv --as-of 2025-06-30 fixtures/demo.csv
progress_forced|0|$NDR report --progress -f csv --as-of 2025-06-30 fixtures/demo.csv 2>&1 >/dev/null | sed "s/[0-9]* rows\/s/R rows\/s/"
progress_forced_pipe|0|cat fixtures/demo.csv | $NDR report --progress -f csv --as-of 2025-06-30 - 2>&1 >/dev/null | sed "s/[0-9]* rows\/s/R rows\/s/"
progress_off|0|$NDR report --progress --no-progress -f csv --as-of 2025-06-30 fixtures/demo.csv
merge_help|0|$NDR merge --help
shard_partial|0|$NDR report --shard 2/3 -f partial fixtures/demo.csv
money_high_nominal|0|{ echo customer_id,date,mrr; seq 0 2999 | sed "s/.*/c&,2021-01-01,50000000/"; seq 1 2 2999 | sed "s/.*/c&,2022-01-15,60000000/"; seq 0 10 2999 | sed "s/.*/c&,2022-01-20,0/"; } > "$T/vnd.csv" && $NDR report -q -f csv --as-of 2022-01-31 "$T/vnd.csv" && $NDR report -q -f csv --as-of 2022-01-31 --basis arr "$T/vnd.csv" && $NDR movements -q -f csv --from 2022-01 --to 2022-01 "$T/vnd.csv" && $NDR cohorts -q -f csv --to 2022-01 "$T/vnd.csv" | tail -1 && $NDR methods -q -f csv --as-of 2022-01-31 "$T/vnd.csv" | head -3 && for k in 1 2 3; do $NDR report -q --shard $k/3 -f partial --as-of 2022-01-31 -o "$T/p$k" "$T/vnd.csv"; done && $NDR merge -f csv "$T"/p1 "$T"/p2 "$T"/p3 && $NDR explain -f csv --top 1 --as-of 2022-01-31 "$T/vnd.csv" 2>&1 | grep -E "^ndr: totals|^c1?999," && sed "1s/$/,plan/;2,\$s/$/,pro/" "$T/vnd.csv" > "$T/seg.csv" && $NDR report -q -f csv --by plan --as-of 2022-01-31 "$T/seg.csv"
shard_merge|0|for k in 1 2 3; do $NDR report -q --shard $k/3 -f partial -o "$T/p$k" fixtures/demo.csv; done; $NDR merge -f table "$T"/p1 "$T"/p2 "$T"/p3
shard_csv_counts_own_rows|0|$NDR report -v --shard 1/3 -f csv --as-of 2025-06-30 fixtures/demo.csv
shard_bad|2|$NDR report --shard 4/3 fixtures/demo.csv
shard_zero|2|$NDR report --shard 0/3 fixtures/demo.csv
shard_on_movements|2|$NDR movements --shard 1/2 fixtures/demo.csv
partial_on_chart|2|$NDR chart -f partial fixtures/demo.csv
partial_ttm|2|$NDR report -f partial --method ttm-mean fixtures/demo.csv
partial_by|2|$NDR report -f partial --by plan fixtures/demo.csv
merge_with_window|2|$NDR merge -w 6 x.ndr
merge_with_default_period|2|$NDR merge --period month --basis mrr x.ndr
merge_nothing|2|$NDR merge
merge_not_partial|1|$NDR merge fixtures/demo.csv
merge_missing|1|$NDR report -q --shard 1/2 -f partial -o "$T/p1" fixtures/demo.csv; $NDR merge "$T/p1"
'

run_case() {
    name=$1 want=$2 cmd=$3
    rm -rf "$T" && mkdir "$T"
    sh -c "$cmd" >"$tmp/out" 2>"$tmp/err" </dev/null
    got=$?
    sed -i "s|$T|TMP|g" "$tmp/out" "$tmp/err"
    # stdin cases redirect inside $cmd, which overrides </dev/null
    if [ "${UPDATE:-0}" = 1 ]; then
        cp "$tmp/out" "$exp/$name.out"
        cp "$tmp/err" "$exp/$name.err"
    fi
    ok=1
    [ "$got" = "$want" ] || { echo "FAIL $name: exit $got, want $want"; ok=0; }
    cmp -s "$tmp/out" "$exp/$name.out" ||
        { echo "FAIL $name: stdout differs"; diff "$exp/$name.out" "$tmp/out" | head -10; ok=0; }
    cmp -s "$tmp/err" "$exp/$name.err" ||
        { echo "FAIL $name: stderr differs"; diff "$exp/$name.err" "$tmp/err" | head -10; ok=0; }
    if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
}

echo "$cases" | while IFS='|' read -r name want cmd; do
    [ -n "$name" ] || continue
    run_case "$name" "$want" "$cmd"
    echo "$pass $fail" >"$tmp/counts"
done
read -r pass fail <"$tmp/counts"
echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
