#!/bin/sh
# valgrind.sh - runs a program under valgrind memcheck so that any memory
# error or leak fails the test that ran it: valgrind exits 99 and prints on
# stderr, which the golden tests compare byte for byte.
# Usage: tests/valgrind.sh PROGRAM [ARGS...]
exec valgrind -q --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
    --track-fds=no "$@"
