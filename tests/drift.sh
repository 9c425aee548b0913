#!/bin/bash
# drift.sh - the option table of the tool (src/cli/options.c, printed by
# build/tests/cli_table) against what describes it elsewhere: the options
# completions/ndr.bash offers per subcommand and the values it offers per
# keyword option must be the table's, and docs/ndr.1 must name every
# option the table has (and no option in its OPTIONS section it lacks).
# The help pages are written from the table (src/cli/help.c).
# Usage: bash tests/drift.sh PATH/TO/cli_table
set -u
TABLE=${1:?usage: bash tests/drift.sh PATH/TO/cli_table}
root=$(cd "$(dirname "$0")/.." && pwd)
export LC_ALL=C
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
sorted() { printf '%s\n' $* | sed '/^$/d' | sort -u | tr '\n' ' '; }

table=$("$TABLE") || { echo "drift: $TABLE failed"; exit 1; }
# shellcheck source=../completions/ndr.bash
source "$root/completions/ndr.bash"

# the options of each subcommand
while read -r kind name rest; do
    [[ $kind == command ]] || continue
    want=$(sorted $rest)
    got=$(sorted $(_ndr_options "$name"))
    if [[ $got == "$want" ]]; then ok; else
        bad "completion of 'ndr $name -': got '$got', the table has '$want'"
    fi
done <<<"$table"

# the values of each keyword option: what the completion offers after it
# (for every subcommand the option applies to)
comp_values() { # SUB OPTION
    COMP_WORDS=(ndr "$1" "$2" "")
    COMP_CWORD=3
    COMP_LINE="ndr $1 $2 "
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _ndr ndr "" "$2"
    sorted "${COMPREPLY[@]}"
}
while read -r kind opt values; do
    [[ $kind == values ]] || continue
    want=$(sorted $values)
    for sub in $(awk -v o="$opt" '$1 == "command" { for (i = 3; i <= NF; i++) if ($i == o) print $2 }' <<<"$table"); do
        got=$(comp_values "$sub" "$opt")
        if [[ $got == "$want" ]]; then ok; else
            bad "completion of 'ndr $sub $opt ': got '$got', the table has '$want'"
        fi
    done
done <<<"$table"

# the man page: every long option of the table, as \-\-name
man=$root/docs/ndr.1
for opt in $(awk '$1 == "command" { for (i = 3; i <= NF; i++) print $i }' <<<"$table" | grep -- '^--' | sort -u); do
    esc=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
    if grep -q -- "$esc\\([^a-z\\\\]\\|\\\\[^-]\\|\$\\)" "$man"; then ok; else bad "docs/ndr.1 does not name $opt"; fi
done
# ... and every option its OPTIONS section describes is in the table
all=$(awk '$1 == "command" { for (i = 3; i <= NF; i++) print $i }' <<<"$table" | sort -u)
for opt in $(awk '/^\.SH OPTIONS/,/^\.SH EXIT/' "$man" | grep -A1 '^\.TP' | grep '^\.B' |
    sed 's/\\-/-/g' | grep -oE -- '--?[a-z][a-z-]*' | sort -u); do
    if grep -qx -- "$opt" <<<"$all"; then ok; else bad "docs/ndr.1 describes $opt, which the table lacks"; fi
done

echo "drift: $pass passed, $fail failed"
[[ $fail -eq 0 ]]
