#!/bin/sh
# Prints the interpreter `make` makes .venv with when PYTHON is not given.
#
# The distribution's own CPython (/usr/bin/python3) when it is 3.11 or newer and can make
# a virtual environment with pip: Debian, Ubuntu and Fedora build it with profile-guided
# and link-time optimisation, which pyenv and asdf builds leave out unless asked
# (PYTHON_CONFIGURE_OPTS="--enable-optimizations --with-lto"), and the tests took 12 %
# less CPU time on it (docs/testing.md). Otherwise the python3 found on PATH.
# Linux only: on macOS /usr/bin/python3 is Apple's 3.9, or a stub that offers to install
# the command line tools. Arguments, when given, are the candidates to try instead.
if [ "$#" -eq 0 ]; then
    if [ "$(uname -s)" = Linux ]; then
        set -- /usr/bin/python3 python3
    else
        set -- python3
    fi
fi
for candidate in "$@"; do
    if "$candidate" -c 'import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 11))' \
        >/dev/null 2>&1; then
        echo "$candidate"
        exit 0
    fi
done
echo python3
