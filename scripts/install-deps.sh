#!/bin/sh
# Installs the Debian packages ndr needs to build and test, and nothing else.
# Usage: scripts/install-deps.sh [fuzz]   (fuzz: also clang and its libFuzzer)
# As root it runs apt-get; otherwise it prints the exact command and fails,
# so `make demo` / `make check` never half-work on a machine that lacks them.
set -eu

# package providing each needed file: "package:path"
needs="gcc:/usr/bin/gcc
make:/usr/bin/make
libc6-dev:/usr/include/stdio.h
libcsv-dev:/usr/include/csv.h
libcmocka-dev:/usr/include/cmocka.h
valgrind:/usr/bin/valgrind
pkgconf:/usr/bin/pkg-config
libxml2-utils:/usr/bin/xmllint
bash:/bin/bash
parallel:/usr/bin/parallel
python3:/usr/bin/python3"
if [ "${1:-}" = fuzz ]; then
    needs="$needs
clang:/usr/bin/clang
libclang-rt-14-dev:/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a"
fi

missing=""
for entry in $needs; do
    pkg=${entry%%:*}
    path=${entry#*:}
    [ -e "$path" ] || missing="$missing $pkg"
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    echo "install-deps: installing:$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >&2
else
    echo "install-deps: missing Debian packages:$missing" >&2
    echo "install-deps: run: sudo apt-get install -y$missing" >&2
    exit 1
fi
