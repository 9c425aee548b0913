#!/bin/sh
# ndr-nightly.sh: the nightly NDR job for cron (docs/cron.md).
#
# Why a wrapper and not one crontab line: it runs both the report and the
# page, keeps one JSON per month end, and adds a line that says what to do for
# each ndr exit code. It prints nothing when all is well, so cron mails only
# problems. Its exit status, for a scheduler that looks at it: 0 ok, 5 NDR
# below THRESHOLD, 3 rows rejected, anything else failed.
#
# Settings (environment):
#   DATA       the billing export, CSV (required)
#   OUT        the directory to write to (required, must exist)
#   NDR        the ndr binary (default: ndr, found in PATH)
#   THRESHOLD  alert when the NDR is below this, in percent (default: 100)
#   NDR_TODAY  YYYY-MM-DD: rerun as of another day (read by ndr itself)
#
# Writes $OUT/ndr-latest.json (the NDR at the last month end), a copy
# $OUT/ndr-YYYY-MM-DD.json named after that month end, and $OUT/ndr.html;
# $OUT/.ndr-nightly.lock is the lock file.
set -u

NDR=${NDR:-ndr}
DATA=${DATA:?DATA must name the billing export}
OUT=${OUT:?OUT must name the output directory}
THRESHOLD=${THRESHOLD:-100}
me=ndr-nightly
status=0

# One run at a time (flock(1), util-linux): a run that finds the previous one
# still going says so, and cron mails it, instead of skipping in silence.
if command -v flock >/dev/null 2>&1; then
    exec 9>>"$OUT/.ndr-nightly.lock" || exit 1
    if ! flock -n 9; then
        echo "$me: skipped: a run still holds $OUT/.ndr-nightly.lock" >&2
        exit 1
    fi
fi

"$NDR" report --as-of last-month-end --fail-below "$THRESHOLD" \
    -o "$OUT/ndr-latest.json" "$DATA"
rc=$?
case $rc in
    0) ;;
    5) echo "$me: ALERT: NDR below $THRESHOLD%; see $OUT/ndr.html" >&2
       status=5 ;;
    3) echo "$me: rows of $DATA were rejected (above); figures without them" >&2
       status=3 ;;
    *) echo "$me: ndr report failed (exit $rc); $OUT/ndr-latest.json unchanged" >&2
       exit 1 ;;
esac

# One file per month end: the nights of a month rewrite the same copy.
end=$(sed -n 's/.*"as_of": "\([0-9-]*\)".*/\1/p' "$OUT/ndr-latest.json")
if [ -n "$end" ]; then
    if ! { cp "$OUT/ndr-latest.json" "$OUT/.ndr-$end.json.tmp" &&
           mv -f "$OUT/.ndr-$end.json.tmp" "$OUT/ndr-$end.json"; }; then
        echo "$me: could not copy to $OUT/ndr-$end.json" >&2
        status=1
    fi
fi

"$NDR" chart -o "$OUT/ndr.html" "$DATA"
rc=$?
case $rc in
    0|3) ;;  # rejected rows: already reported by ndr report
    *) echo "$me: ndr chart failed (exit $rc); $OUT/ndr.html unchanged" >&2
       status=1 ;;
esac

exit "$status"
