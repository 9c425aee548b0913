# ndr.bash - bash completion for ndr, installed as
# share/bash-completion/completions/ndr: the subcommands, each subcommand's
# own options, the values of the options that take a fixed set, and input
# files (*.csv and directories first). Works with the bash-completion package
# (uses _init_completion) and without it (reads COMP_WORDS/COMP_CWORD).
# tests/completion.sh checks it against the options `ndr SUB --help` lists.
# shellcheck shell=bash disable=SC2207,SC2086
# (word lists split on purpose; SC2034: _init_completion sets split)

# The options of one subcommand (short and long), on one line.
_ndr_options()
{
    local common='-f --format -o --output --strict --format-in --map --accounts
        --currency --fx --fx-mode --provenance -q --quiet -v --verbose --progress
        --no-progress --data-through -h --help'
    local window='-w --window' range='--from --to'
    local basis='--period --basis --min-prior-mrr --min-current-mrr --min-prior-arr
        --min-current-arr'
    # chart draws the trailing-window NDR trend: --window, but no --as-of
    case $1 in
        report) echo $common $window --as-of $range --by --method $basis --fail-below --shard ;;
        movements) echo $common $range ;;
        cohorts) echo $common $range --cohort --logos ;;
        explain) echo $common $window --as-of --top ;;
        methods) echo $common $window --as-of $basis ;;
        chart) echo $common $window $range --chart --cohort --method --period --fail-below ;;
        merge) echo -f --format -o --output --fail-below --provenance -q --quiet -v --verbose \
            -h --help ;;
        formats) echo -h --help ;;
    esac
}

# Files for $1 (the word being completed); with $2 = csv, only *.csv files
# and directories when there are any, else every file.
_ndr_files()
{
    local cur=$1 f
    local -a all pick=()
    # a word typed with a leading quote or backslash escapes: match its text
    [[ $cur == [\"\']* ]] && cur=${cur:1}
    [[ $cur == *\\* ]] && cur=$(printf '%s' "$cur" | sed 's/\\\(.\)/\1/g')
    compopt -o filenames 2>/dev/null
    mapfile -t all < <(compgen -f -- "$cur")
    if [[ ${2-} == csv ]]; then
        for f in "${all[@]}"; do
            # compgen keeps a leading ~/ as typed
            if [[ -d ${f/#\~\//$HOME/} || $f == *.[cC][sS][vV] ]]; then
                pick+=("$f")
            fi
        done
        ((${#pick[@]})) && all=("${pick[@]}")
    fi
    COMPREPLY=("${all[@]}")
}

_ndr()
{
    # shellcheck disable=SC2034
    local cur prev words cword split
    COMPREPLY=()
    if declare -F _init_completion >/dev/null 2>&1; then
        # -s: "--format=cs" gives prev=--format, cur=cs
        _init_completion -s || return 0
    else
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
        cur=${COMP_WORDS[COMP_CWORD]}
        prev=
        ((cword > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
        # '=' breaks words: "--format=cs" arrives as "--format" "=" "cs"
        if [[ $cur == = && $prev == --?* ]]; then
            cur=
        elif [[ $prev == = ]] && ((cword >= 2)); then
            prev=${words[cword - 2]}
            [[ $prev == --?* ]] || return 0 # e.g. --map customer_id=HEADER
        fi
    fi

    if ((cword <= 1)); then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W '-h --help -V --version' -- "$cur"))
        else
            COMPREPLY=($(compgen -W 'report movements cohorts explain methods chart merge formats
                help' -- "$cur"))
        fi
        return 0
    fi

    local sub=${words[1]} opts
    opts=$(_ndr_options "$sub")
    [[ -n $opts ]] || return 0 # help, --help, --version or unknown: no arguments

    # after "--" every word is a file
    local i
    for ((i = 2; i < cword; i++)); do
        if [[ ${words[i]} == -- ]]; then
            _ndr_files "$cur" csv
            return 0
        fi
    done

    # getopt_long takes unique abbreviations: --meth is --method
    if [[ $prev == --?* ]]; then
        local -a m
        m=($(compgen -W "$opts" -- "$prev"))
        ((${#m[@]} == 1)) && prev=${m[0]}
    fi

    case $prev in
        -f | --format)
            if [[ $sub == chart ]]; then
                COMPREPLY=($(compgen -W 'html svg' -- "$cur"))
            elif [[ $sub == report ]]; then
                COMPREPLY=($(compgen -W 'table csv json partial' -- "$cur"))
            else
                COMPREPLY=($(compgen -W 'table csv json' -- "$cur"))
            fi
            return 0
            ;;
        --format-in)
            # the formats as the installed ndr lists them ('ndr formats')
            local fmts
            fmts=$("${words[0]}" formats 2>/dev/null | cut -d' ' -f1)
            COMPREPLY=($(compgen -W "auto $fmts" -- "$cur"))
            return 0
            ;;
        --method)
            COMPREPLY=($(compgen -W 'point ttm-weighted ttm-mean revenue-quarter revenue-ttm
                compound survivor' -- "$cur"))
            return 0
            ;;
        --period | --cohort)
            COMPREPLY=($(compgen -W 'month quarter year' -- "$cur"))
            return 0
            ;;
        --basis)
            COMPREPLY=($(compgen -W 'mrr arr' -- "$cur"))
            return 0
            ;;
        --fx-mode)
            COMPREPLY=($(compgen -W 'spot constant' -- "$cur"))
            return 0
            ;;
        --chart)
            COMPREPLY=($(compgen -W 'trend cohorts' -- "$cur"))
            return 0
            ;;
        --as-of | --data-through)
            COMPREPLY=($(compgen -W 'last-month-end today' -- "$cur"))
            return 0
            ;;
        --map)
            # NAME=HEADER: the canonical names; the header is the user's
            [[ $cur == *=* ]] && return 0
            COMPREPLY=($(compgen -W 'customer_id= date= mrr= subscription_id= currency=' \
                -- "$cur"))
            compopt -o nospace 2>/dev/null
            return 0
            ;;
        -o | --output)
            # any file (the output may be .csv, .json, .html, .svg); '-' is stdout
            _ndr_files "$cur"
            [[ $cur == - ]] && COMPREPLY+=(-)
            return 0
            ;;
        --fx | --accounts)
            _ndr_files "$cur" csv
            return 0
            ;;
        -w | --window | --from | --to | --currency | --by | --min-prior-mrr | \
            --min-current-mrr | --min-prior-arr | --min-current-arr | --fail-below | --top | \
            --shard)
            return 0 # a number, a month, a code or a column: nothing to offer
            ;;
    esac

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    else
        _ndr_files "$cur" csv # FILE...; '-' (stdin) is typed
    fi
    return 0
}

complete -F _ndr ndr
