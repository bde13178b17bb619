#!/bin/sh
# Prints the folder `make test` gives the tests as TMPDIR, or nothing for the usual one.
#
# Linux's shared-memory folder /dev/shm (a file system in memory) when it is writable and
# has at least 512 MiB free: the tests make and delete thousands of small databases, and
# there they cost no journal writes or discards on a disk (system time 8.4 -> 6.5 s; the
# pairs run in turn are in docs/testing.md). A run needs about 40 MiB at its peak, as each passing test's folder is
# removed when it ends (tmp_path_retention_policy in pyproject.toml). Containers often have
# a 64 MiB /dev/shm: then, and on other systems, nothing is printed.
# `make test TEST_TMPDIR=` keeps the usual temporary folder. An argument, when given, is the
# folder to consider instead of /dev/shm.
dir=${1:-/dev/shm}
[ "$(uname -s)" = Linux ] && [ -d "$dir" ] && [ -w "$dir" ] || exit 0
free_kib=$(df -Pk "$dir" 2>/dev/null | awk 'NR == 2 { print $4 }')
[ -n "$free_kib" ] && [ "$free_kib" -ge 524288 ] && echo "$dir"
exit 0
