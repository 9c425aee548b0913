#!/bin/sh
# screenshot.sh - renders the README's chart images from generated data with
# headless Chromium (Debian package chromium), so they can be remade after a
# change to the charts. Not part of make check: Chromium is large.
# Usage: scripts/screenshot.sh [BUILD]     (writes docs/img/*.png)
set -eu
build=${1:-build}
command -v chromium >/dev/null || { echo "screenshot: needs chromium (apt-get install chromium)" >&2; exit 1; }
make --no-print-directory all "$build/gen_events" BUILD="$build" >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/gen_events" --customers 3000 --seed 7 --years 4 --start 2021-01 > "$tmp/events.csv"
"./$build/ndr" chart -q -f svg --from 2023-01 "$tmp/events.csv" > "$tmp/trend.svg"
"./$build/ndr" chart -q -f svg --chart cohorts --cohort quarter "$tmp/events.csv" > "$tmp/cohorts.svg"
shot() { # svg png width height
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$3,$4" \
        --screenshot="$2" "file://$1" >/dev/null 2>&1
}
shot "$tmp/trend.svg" docs/img/trend.png 860 400
w=$(sed -n 's/.*<svg [^>]*width="\([0-9]*\)" height="\([0-9]*\)".*/\1/p' "$tmp/cohorts.svg")
h=$(sed -n 's/.*<svg [^>]*width="\([0-9]*\)" height="\([0-9]*\)".*/\2/p' "$tmp/cohorts.svg")
shot "$tmp/cohorts.svg" docs/img/cohorts.png "$w" "$h"
ls -l docs/img/trend.png docs/img/cohorts.png
