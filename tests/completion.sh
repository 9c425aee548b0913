#!/bin/bash
# completion.sh - tests completions/ndr.bash: drives its completion function
# the way bash does (COMP_WORDS, COMP_CWORD, COMP_LINE, COMP_POINT) without the
# bash-completion package, and again with it when it is installed, checks the
# answers, and checks that every option `ndr SUB --help` lists is offered for
# SUB (so the completion cannot fall behind the CLI).
# Usage: bash tests/completion.sh PATH/TO/ndr
# shellcheck disable=SC2086,SC1091  # word lists split on purpose
set -u
NDR=${1:?usage: bash tests/completion.sh PATH/TO/ndr}
export LC_ALL=C
case $NDR in /*) ;; */*) NDR=$PWD/$NDR ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
# the completion asks the ndr on PATH for its input formats: the one tested
PATH=$(dirname "$NDR"):$PATH
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 mode=plain

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL ($mode): $*"; fail=$((fail + 1)); }

# comp LINE: completes at the end of LINE as bash would and sets $got to the
# sorted answers, one line. Words are split at blanks and around '=' (bash's
# COMP_WORDBREAKS); a LINE ending in a blank completes an empty word.
comp() {
    local line=$1 w
    local -a ws=()
    for w in $line; do
        while [[ $w == *=* ]]; do
            [[ -n ${w%%=*} ]] && ws+=("${w%%=*}")
            ws+=("=")
            w=${w#*=}
        done
        [[ -n $w ]] && ws+=("$w")
    done
    [[ $line == *' ' ]] && ws+=("")
    COMP_WORDS=("${ws[@]}")
    COMP_CWORD=$((${#ws[@]} - 1))
    COMP_LINE=$line
    COMP_POINT=${#line}
    COMPREPLY=()
    _ndr ndr "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    got=$(printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort | tr '\n' ' ')
    got=${got% }
}

# expect LINE WANT: the answers at the end of LINE are exactly WANT (sorted).
expect() {
    local want
    want=$(printf '%s\n' $2 | sed '/^$/d' | sort | tr '\n' ' ')
    want=${want% }
    comp "$1"
    if [[ $got == "$want" ]]; then ok; else bad "'$1': got '$got', want '$want'"; fi
}

# offers LINE WORD / lacks LINE WORD: WORD is (not) among the answers.
offers() {
    comp "$1"
    if [[ " $got " == *" $2 "* ]]; then ok; else bad "'$1' does not offer $2 (got '$got')"; fi
}
lacks() {
    comp "$1"
    if [[ " $got " != *" $2 "* ]]; then ok; else bad "'$1' offers $2"; fi
}

cases() {
    expect 'ndr ' 'report movements cohorts explain methods chart merge formats help'
    expect 'ndr rep' 'report'
    expect 'ndr -' '-h --help -V --version'
    expect 'ndr --version ' ''
    expect 'ndr report --me' '--method'
    expect 'ndr report --method ' 'point ttm-weighted ttm-mean revenue-quarter revenue-ttm compound survivor'
    expect 'ndr report --meth ' 'point ttm-weighted ttm-mean revenue-quarter revenue-ttm compound survivor'
    expect 'ndr report --method=ttm' 'ttm-weighted ttm-mean'
    expect 'ndr report -f ' 'table csv json partial'
    expect 'ndr report --format=j' 'json'
    expect 'ndr chart -f ' 'html svg'
    expect 'ndr chart --chart ' 'trend cohorts'
    expect 'ndr cohorts --co' '--cohort'
    expect 'ndr cohorts --cohort ' 'month quarter year'
    expect 'ndr report --period q' 'quarter'
    expect 'ndr methods --basis ' 'mrr arr'
    expect 'ndr report --fx-mode ' 'spot constant'
    expect 'ndr report --format-in stripe' 'stripe-subscriptions stripe-invoice-lines stripe-invoices'
    expect 'ndr report --format-in ' "auto $("$NDR" formats | cut -d' ' -f1 | tr '\n' ' ')"
    expect 'ndr report --data-through ' 'last-month-end today'
    expect 'ndr formats -' '-h --help'
    expect 'ndr report --as-of ' 'last-month-end today'
    expect 'ndr explain --as-of 2' ''
    expect 'ndr report --map cu' 'customer_id= currency='
    expect 'ndr report --map customer_id=Acc' ''
    expect 'ndr report -w ' ''
    expect 'ndr explain --top ' ''
    expect 'ndr movements --as' ''
    expect 'ndr explain --fr' ''
    expect 'ndr methods --me' ''
    expect 'ndr report --fail' '--fail-below'
    expect 'ndr help ' ''
    lacks 'ndr movements -' '--window'
    lacks 'ndr chart -' '--as-of'
    offers 'ndr chart -' '--window'
    lacks 'ndr cohorts -' '--top'
    offers 'ndr movements -' '--from'
    offers 'ndr chart -' '--no-progress'

    # files: *.csv and directories first, else any file; '-' after -o
    cd "$tmp/files" || exit 1
    expect 'ndr report ' 'a.csv B.CSV sub'
    expect 'ndr report a.csv ' 'a.csv B.CSV sub'
    expect 'ndr report n' 'notes.txt'
    expect 'ndr report s' 'sub'
    expect 'ndr report sub/' 'sub/-x.csv sub/c.csv'
    expect 'ndr report sub/d' 'sub/d.txt'
    expect 'ndr report --fx ' 'a.csv B.CSV sub'
    expect 'ndr report --accounts=' 'a.csv B.CSV sub'
    expect 'ndr report -q --strict ' 'a.csv B.CSV sub'
    expect 'ndr report -o ' 'a.csv B.CSV notes.txt sub'
    expect 'ndr chart -o n' 'notes.txt'
    cd "$tmp/files/sub" || exit 1
    expect 'ndr report -o -' '- -x.csv'
    expect 'ndr report -- -' '-x.csv'
    expect 'ndr report -' "$(_ndr_options report)"
    cd "$root" || exit 1
}

# drift check: every option the binary's help lists for a subcommand (the
# lines that start with blanks then '-'; the option names before the
# description column) must be offered, and none the help says does not apply.
drift() {
    local subs sub help text listed excl o n
    subs=$("$NDR" --help | sed -n '/^Subcommands:/,/^$/p' | grep -E '^  [a-z]+ ' | awk '{print $1}')
    if [[ $(echo $subs | wc -w) -ge 5 ]]; then ok; else bad "ndr --help lists no subcommands"; fi
    for sub in $subs; do
        offers 'ndr ' "$sub"
        if ! help=$("$NDR" "$sub" --help 2>&1); then
            bad "ndr $sub --help failed"
            continue
        fi
        listed=$(printf '%s\n' "$help" | grep -E '^[[:space:]]+-' |
            sed -E 's/^[[:space:]]+//; s/  .*//' | tr ',' ' ' | tr ' ' '\n' |
            grep -E '^--?[A-Za-z]' | sed 's/=.*//' | sort -u)
        # "but --window and --as-of do not apply", "without --from/--to/--by"
        text=$(printf '%s\n' "$help" | grep -v '^[[:space:]]' | tr '\n' ' ')
        excl=$({
            printf '%s\n' "$text" | grep -oE 'but [^:;.]* do not apply'
            printf '%s\n' "$text" | grep -oE 'without [^:;.]*'
        } | grep -oE -- '--[a-z][a-z-]*' | sort -u)
        comp "ndr $sub -"
        n=0
        for o in $listed; do
            if printf '%s\n' $excl | grep -qx -- "$o"; then continue; fi
            n=$((n + 1))
            if [[ " $got " == *" $o "* ]]; then ok; else bad "ndr $sub --help lists $o, not offered"; fi
        done
        for o in $excl; do
            if [[ " $got " != *" $o "* ]]; then ok; else bad "ndr $sub offers $o, which its help says does not apply"; fi
        done
        if [[ $sub == report ]] && ((n < 20)); then bad "ndr report --help: only $n options found"; fi
    done
}

mkdir -p "$tmp/files/sub"
: > "$tmp/files/a.csv"
: > "$tmp/files/B.CSV"
: > "$tmp/files/notes.txt"
: > "$tmp/files/sub/c.csv"
: > "$tmp/files/sub/d.txt"
: > "$tmp/files/sub/-x.csv"

# without bash-completion
unset -f _init_completion
# shellcheck source=../completions/ndr.bash
source "$root/completions/ndr.bash"
if declare -F _init_completion >/dev/null; then bad "_init_completion is defined"; else ok; fi
cases
drift

# with bash-completion (its _init_completion), when it is installed
bc=/usr/share/bash-completion/bash_completion
if [[ -r $bc ]]; then
    mode=bash-completion
    # shellcheck disable=SC1090
    source "$bc" >/dev/null 2>&1
    source "$root/completions/ndr.bash"
    if declare -F _init_completion >/dev/null; then ok; else bad "no _init_completion in $bc"; fi
    cases
    drift
else
    echo "completion: $bc not installed: tested without bash-completion only"
fi

echo "completion: $pass passed, $fail failed"
[[ $fail == 0 ]]
