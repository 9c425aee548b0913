#!/bin/sh
# exports.sh - the shared library's contract is include/ndr.h: it must
# export exactly the functions the header declares, no internal one (the
# library is built with -fvisibility=hidden) and none missing.
# Usage: tests/exports.sh BUILD_DIR
set -eu
build=${1:?usage: tests/exports.sh BUILD_DIR}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# declared: every ndr_ name followed by "(" in the header without comments
${CC:-cc} -E -P -Iinclude include/ndr.h |
    grep -o '\bndr_[a-z0-9_]*[[:space:]]*(' | tr -d '( \t' | sort -u > "$tmp/declared"
nm -D --defined-only "$build/libndr.so" | awk '$2 == "T" { print $3 }' | sort -u > "$tmp/exported"
fail=0
if comm -13 "$tmp/declared" "$tmp/exported" | grep . > "$tmp/extra"; then
    echo "exports: exported but not declared in include/ndr.h:" >&2
    sed 's/^/  /' "$tmp/extra" >&2
    fail=1
fi
if comm -23 "$tmp/declared" "$tmp/exported" | grep . > "$tmp/missing"; then
    echo "exports: declared in include/ndr.h but not exported:" >&2
    sed 's/^/  /' "$tmp/missing" >&2
    fail=1
fi
[ $fail -eq 0 ] && echo "exports: $(wc -l < "$tmp/exported") functions, exactly include/ndr.h's"
exit $fail
