#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster, then stops and removes it.
#
#   tools/with_test_postgres.sh COMMAND [ARGS...]
#
# The cluster (initdb and pg_ctl from Debian's `postgresql` package) listens
# only on a Unix socket in a temporary folder; no TCP port is opened. As root
# the server runs as `nobody` (PostgreSQL refuses to run as root). The command
# gets KASTEDESK_TEST_DB=postgresql and KASTEDESK_TEST_PG_URL, and the cluster
# is stopped even when it fails.
set -euo pipefail

BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
    echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2
    exit 1
fi

DIR="$(mktemp -d "${TMPDIR:-/tmp}/kastedesk-pg.XXXXXX")"
RUN=()
if [ "$(id -u)" = 0 ]; then
    RUN=(runuser -u nobody --)
    chown nobody "$DIR"
fi

stop() {
    "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap stop EXIT

"${RUN[@]}" "$BIN/initdb" -D "$DIR/data" -U kastedesk --auth=trust -E UTF8 --no-locale \
    >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }
# fsync off: a throwaway cluster need not survive a power cut, and tests run faster.
"${RUN[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
    -o "-k $DIR -c listen_addresses= -F -c max_connections=200" start >/dev/null \
    || { cat "$DIR/server.log" >&2; exit 1; }

export KASTEDESK_TEST_DB=postgresql
export KASTEDESK_TEST_PG_URL="postgresql+psycopg://kastedesk@/postgres?host=$DIR"
set +e
"$@"
status=$?
set -e
exit $status
