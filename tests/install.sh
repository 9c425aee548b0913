#!/bin/sh
# install.sh - tests `make install` and `make uninstall`: installs into a
# temporary prefix, checks every file and symlink, builds a small program
# against the installed libndr with pkg-config (shared and static) and checks
# its figures against the hand-computed ones and the installed ndr's, then a
# DESTDIR staging install and its uninstall, and that the man page renders.
# Usage: sh tests/install.sh BUILD_DIR     (BUILD_DIR relative to the top of the tree)
# shellcheck disable=SC2086,SC2016  # word lists split on purpose; literal ${prefix}
set -u
BUILD=${1:?usage: sh tests/install.sh BUILD_DIR}
MAKE=${MAKE:-make}
CC=${CC:-cc}
export LC_ALL=C
cd "$(dirname "$0")/.." || exit 1
# the paths come from PREFIX alone: ignore any in the environment or from a
# calling make's command line
unset BINDIR LIBDIR INCDIR MANDIR PKGCONFIGDIR BASHCOMPDIR DESTDIR MAKEFLAGS MFLAGS
unset PKG_CONFIG_PATH PKG_CONFIG_LIBDIR PKG_CONFIG_SYSROOT_DIR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "install: FAIL: $*"; fail=$((fail + 1)); }
check() { # check DESCRIPTION COMMAND...: COMMAND must succeed
    what=$1
    shift
    if "$@" >"$tmp/check.out" 2>&1; then ok; else bad "$what"; sed 's/^/    /' "$tmp/check.out"; fi
}
die() {
    echo "install: FAIL: $*"
    exit 1
}

version=$(sed -n 's/^#define NDR_VERSION "\(.*\)".*/\1/p' include/ndr.h)
[ -n "$version" ] || die "no NDR_VERSION in include/ndr.h"

# the files an install puts under PREFIX (symlinks marked @)
files="bin/ndr
lib/libndr.a
lib/libndr.so.$version
@lib/libndr.so.0
@lib/libndr.so
include/ndr.h
lib/pkgconfig/ndr.pc
share/man/man1/ndr.1
share/bash-completion/completions/ndr"

# check_tree ROOT: exactly those files under ROOT, the symlinks resolving
check_tree() {
    for f in $files; do
        case $f in
        @*)
            f=${f#@}
            if [ -L "$1/$f" ] && [ -f "$1/$f" ]; then ok; else bad "$1/$f: not a symlink to a file"; fi
            ;;
        *) if [ -f "$1/$f" ] && [ ! -L "$1/$f" ]; then ok; else bad "$1/$f: not installed"; fi ;;
        esac
    done
    # the symlinks are relative, so a staged tree can move: .so -> .so.0 -> .so.VERSION
    check "libndr.so.0 -> libndr.so.$version" \
        test "$(readlink "$1/lib/libndr.so.0")" = "libndr.so.$version"
    check "libndr.so -> libndr.so.0" test "$(readlink "$1/lib/libndr.so")" = "libndr.so.0"
    check "bin/ndr is executable" test -x "$1/bin/ndr"
    # and nothing else
    (cd "$1" && find . ! -type d | sed 's|^\./||' | sort) >"$tmp/found"
    printf '%s\n' $files | sed 's/^@//' | sort >"$tmp/want"
    check "files under $1 are exactly the installed ones" diff "$tmp/want" "$tmp/found"
}

# ---- 1. make install PREFIX=... -----------------------------------------------
prefix=$tmp/prefix
$MAKE --no-print-directory install BUILD="$BUILD" PREFIX="$prefix" >"$tmp/make.log" 2>&1 ||
    { cat "$tmp/make.log"; die "make install PREFIX=$prefix failed"; }
ok
check_tree "$prefix"

out=$("$prefix/bin/ndr" --version 2>&1)
check "installed ndr --version: '$out'" test "$out" = "ndr $version"

# the shared library: its soname and its one runtime dependency
readelf -d "$prefix/lib/libndr.so.$version" >"$tmp/dyn"
check "soname libndr.so.0" grep -q 'SONAME.*\[libndr\.so\.0\]' "$tmp/dyn"
check "libndr.so needs libcsv" grep -q 'NEEDED.*\[libcsv\.so' "$tmp/dyn"

# ---- 2. a program built with pkg-config against the installed library ---------
pc() { PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config "$@"; }
# shellcheck disable=SC2046,SC2005
pcw() { echo $(pc "$@"); } # the words only: pkgconf ends its output with a blank
check "pkg-config --exists ndr" pc --exists ndr
check "pkg-config --modversion ndr is $version" test "$(pcw --modversion ndr)" = "$version"
check "pkg-config --cflags ndr" test "$(pcw --cflags ndr)" = "-I$prefix/include"
check "pkg-config --libs ndr" test "$(pcw --libs ndr)" = "-L$prefix/lib -lndr"
check "pkg-config --static --libs ndr" \
    test "$(pcw --static --libs ndr)" = "-L$prefix/lib -lndr -lcsv -pthread"

# a: 100 -> 150 (expansion), b: 100 -> 0 (churn), c: 50 -> 40 (contraction);
# d starts after the prior date, so is not in the cohort. As of 2023-07-01
# with a 6-month window the prior date is 2023-01-01: prior 250.00, current
# 150 + 0 + 40 = 190.00, NDR 190/250 = 76.00%, GRR (100+0+40)/250 = 56.00%,
# logo retention 2/3 = 66.67%.
cat >"$tmp/events.csv" <<'EOF'
customer_id,date,mrr
a,2023-01-01,100.00
b,2023-01-01,100.00
c,2023-01-01,50.00
d,2023-02-01,500.00
a,2023-06-01,150.00
b,2023-06-01,0
c,2023-03-15,40.00
d,2023-08-01,600.00
EOF
cat >"$tmp/prog.c" <<'EOF'
/* prog.c - uses the installed libndr as a program outside the tree would:
 * reads events, computes the NDR of one period end, prints it. */
#include <ndr.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    char msg[256], end[11], prior[11], pm[NDR_MONEY_TEXT], cm[NDR_MONEY_TEXT], pct[48];
    ndr_dataset *ds = ndr_dataset_new();
    ndr_report_options opt;
    ndr_report *r = NULL;
    ndr_read_stats stats;
    const ndr_period *p;
    FILE *in;
    if (argc != 2 || !ds)
        return 2;
    in = fopen(argv[1], "r");
    if (!in)
        return 2;
    if (ndr_read_stream(ds, in, argv[1], NULL, 0, NULL, NULL, &stats, msg, sizeof msg) != NDR_OK) {
        fprintf(stderr, "read: %s\n", msg);
        return 1;
    }
    fclose(in);
    ndr_report_options_init(&opt);
    opt.window_months = 6;
    opt.has_as_of = 1;
    opt.as_of = ndr_date_from_ymd(2023, 7, 1);
    if (ndr_report_compute(ds, &opt, &r, msg, sizeof msg) != NDR_OK || ndr_report_count(r) != 1) {
        fprintf(stderr, "report: %s\n", msg);
        return 1;
    }
    p = ndr_report_period(r, 0);
    ndr_date_format(p->period_end, end);
    ndr_date_format(p->prior_period_end, prior);
    printf("%s %s rows=%lu customers=%lu prior=%s current=%s ndr=%s%%\n", end, prior,
           (unsigned long)stats.rows_used, (unsigned long)p->customers,
           ndr_money_format(p->prior_mrr, 2, pm), ndr_money_format(p->current_mrr, 2, cm),
           ndr_pct_format(p->current_mrr, p->prior_mrr, pct));
    ndr_report_free(r);
    ndr_dataset_free(ds);
    return 0;
}
EOF
want="2023-07-01 2023-01-01 rows=8 customers=3 prior=250.00 current=190.00 ndr=76.00%"
cflags="-std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -pedantic"

# shared: links libndr.so.0, found at run time through LD_LIBRARY_PATH
# shellcheck disable=SC2046
if $CC $cflags $(pc --cflags ndr) -o "$tmp/prog_dyn" "$tmp/prog.c" $(pc --libs ndr) \
    >"$tmp/cc.log" 2>&1; then
    ok
    readelf -d "$tmp/prog_dyn" >"$tmp/dyn"
    check "the shared build needs libndr.so.0" grep -q 'NEEDED.*\[libndr\.so\.0\]' "$tmp/dyn"
    if command -v ldd >/dev/null 2>&1; then
        LD_LIBRARY_PATH=$prefix/lib ldd "$tmp/prog_dyn" >"$tmp/ldd"
        check "ldd: libndr.so.0 from $prefix/lib" \
            grep -q "libndr\.so\.0 => $prefix/lib/libndr\.so\.0 " "$tmp/ldd"
    fi
    out=$(LD_LIBRARY_PATH=$prefix/lib "$tmp/prog_dyn" "$tmp/events.csv" 2>&1)
    check "shared build prints '$out', want '$want'" test "$out" = "$want"
else
    cat "$tmp/cc.log"
    bad "building against the shared library"
fi

# static: the archive, with the private libraries pkg-config --static adds
# shellcheck disable=SC2046
if $CC $cflags $(pc --cflags ndr) -o "$tmp/prog_static" "$tmp/prog.c" \
    $(pc --static --libs ndr | sed 's/-lndr/-l:libndr.a/') >"$tmp/cc.log" 2>&1; then
    ok
    readelf -d "$tmp/prog_static" >"$tmp/dyn"
    check "the static build does not need libndr.so" sh -c "! grep -q 'libndr' '$tmp/dyn'"
    out=$("$tmp/prog_static" "$tmp/events.csv" 2>&1)
    check "static build prints '$out', want '$want'" test "$out" = "$want"
else
    cat "$tmp/cc.log"
    bad "building against the static library"
fi

# the installed ndr gives the same figures
"$prefix/bin/ndr" report -q -f csv -w 6 --as-of 2023-07-01 "$tmp/events.csv" >"$tmp/report.csv"
check "installed ndr report exits 0" test $? = 0
cat >"$tmp/want.csv" <<'EOF'
period_end,prior_period_end,customers,retained_customers,prior_mrr,current_mrr,expansion_mrr,contraction_mrr,churned_mrr,ndr_pct,grr_pct,logo_retention_pct,complete
2023-07-01,2023-01-01,3,2,250.00,190.00,50.00,10.00,100.00,76.00,56.00,66.67,true
EOF
check "installed ndr report -f csv" diff "$tmp/want.csv" "$tmp/report.csv"

# the installed completion file is valid bash and defines the completion
if command -v bash >/dev/null 2>&1; then
    check "installed completion loads in bash" bash -c \
        ". '$prefix/share/bash-completion/completions/ndr' && complete -p ndr"
fi

# ---- 5. the installed man page renders without warnings -----------------------
if command -v groff >/dev/null 2>&1; then
    groff -man -Tutf8 -ww -z "$prefix/share/man/man1/ndr.1" >"$tmp/groff.log" 2>&1
    check "groff: man page renders (exit 0)" test $? = 0
    check "groff: no warnings" test ! -s "$tmp/groff.log"
    [ -s "$tmp/groff.log" ] && sed 's/^/    /' "$tmp/groff.log"
else
    echo "install: groff not found: man page rendering not checked"
fi

$MAKE --no-print-directory uninstall BUILD="$BUILD" PREFIX="$prefix" >"$tmp/make.log" 2>&1 ||
    { cat "$tmp/make.log"; die "make uninstall PREFIX=$prefix failed"; }
find "$prefix" ! -type d >"$tmp/left"
check "uninstall PREFIX=$prefix leaves no file" test ! -s "$tmp/left"
[ -s "$tmp/left" ] && sed 's/^/    /' "$tmp/left"

# ---- 3. a staged install: DESTDIR=... PREFIX=/usr ---------------------------
stage=$tmp/stage
$MAKE --no-print-directory install BUILD="$BUILD" DESTDIR="$stage" PREFIX=/usr \
    >"$tmp/make.log" 2>&1 || { cat "$tmp/make.log"; die "make install DESTDIR=$stage failed"; }
ok
check "DESTDIR install: only under $stage/usr" test "$(ls -A "$stage")" = usr
check_tree "$stage/usr"
pcf=$stage/usr/lib/pkgconfig/ndr.pc
check "ndr.pc: prefix=/usr" grep -qx 'prefix=/usr' "$pcf"
check "ndr.pc: libdir=\${prefix}/lib" grep -qx 'libdir=${prefix}/lib' "$pcf"
check "ndr.pc: includedir=\${prefix}/include" grep -qx 'includedir=${prefix}/include' "$pcf"
check "ndr.pc: Version: $version" grep -qx "Version: $version" "$pcf"
check "ndr.pc: Libs.private" grep -qx 'Libs.private: -lcsv -pthread' "$pcf"
check "ndr.pc: no DESTDIR in it" sh -c "! grep -q '$stage' '$pcf'"
if pkg-config --help 2>&1 | grep -q -- --validate; then
    check "pkg-config --validate ndr.pc" pkg-config --validate "$pcf"
fi

# ---- 4. make uninstall with the same arguments removes every file -------------
$MAKE --no-print-directory uninstall BUILD="$BUILD" DESTDIR="$stage" PREFIX=/usr \
    >"$tmp/make.log" 2>&1 || { cat "$tmp/make.log"; die "make uninstall DESTDIR=$stage failed"; }
find "$stage" ! -type d >"$tmp/left"
check "uninstall DESTDIR=$stage leaves no file" test ! -s "$tmp/left"
[ -s "$tmp/left" ] && sed 's/^/    /' "$tmp/left"

if [ "$fail" -ne 0 ]; then
    echo "install: $pass checks passed, $fail failed"
    exit 1
fi
echo "install: $pass checks passed"
