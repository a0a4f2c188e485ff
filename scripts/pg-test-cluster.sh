#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests of the shared study store (src/tune/storage/postgres.ts):
# initdb in a temporary folder, listening on 127.0.0.1 only, on a free port, trust authentication
# for that loopback address (no password anywhere), a database `backprop_test`.
#   eval "$(scripts/pg-test-cluster.sh start)"   # prints the exports the tests read
#   scripts/pg-test-cluster.sh stop "$BACKPROP_TEST_PGDATA"
# As root, the cluster runs as the `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail

bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    bin=$(bindir) || { echo "pg-test-cluster: PostgreSQL's initdb not found (apt-get install postgresql)" >&2; exit 1; }
    dir=$(mktemp -d "${TMPDIR:-/tmp}/backprop-pg.XXXXXX")
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # in the configuration, so that a plain `pg_ctl start` (the tests restart the server) finds them again
    printf "port = %s\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '%s'\nfsync = off\nmax_connections = 200\n" "$port" "$dir" \
      | as_owner tee -a "$dir/data/postgresql.conf" >/dev/null
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >&2 \
      || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres backprop_test
    echo "export BACKPROP_TEST_PG=postgresql://postgres@127.0.0.1:$port/backprop_test"
    echo "export BACKPROP_TEST_PGDATA=$dir/data"
    echo "export BACKPROP_TEST_PGBIN=$bin"
    ;;
  stop)
    data=${2:?usage: pg-test-cluster.sh stop DATA_FOLDER}
    bin=$(bindir)
    as_owner "$bin/pg_ctl" -D "$data" -m immediate -w stop >&2 || true
    rm -rf "$(dirname "$data")"
    ;;
  *)
    echo "usage: pg-test-cluster.sh start | stop DATA_FOLDER" >&2
    exit 2
    ;;
esac
