#!/usr/bin/env bash
# A throw-away PostgreSQL for the tests, from Debian's packages (apt-get install postgresql):
#   tests/postgres.sh start   initdb in a temporary folder, pg_ctl start on a free loopback port; prints the
#                             connection string (one line) and keeps the folder's path in tests/.postgres (git-ignored)
#   tests/postgres.sh start --durable   the same with PostgreSQL's own durability defaults (fsync, synchronous_commit,
#                             full_page_writes on), as a server in production runs: for bench/load.sh and bench/soak.sh
#   tests/postgres.sh stop    stops that server and removes the folder
# The server runs as the `postgres` user when started as root (PostgreSQL refuses to run as root), and trusts
# local connections: it listens on 127.0.0.1 only and lives as long as one test run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
state="$here/.postgres"

bin=""
for candidate in /usr/lib/postgresql/*/bin; do
  [ -x "$candidate/pg_ctl" ] && bin="$candidate"
done
if [ -z "$bin" ]; then
  echo "PostgreSQL is not installed (apt-get install postgresql)." >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

case "${1:-}" in
  start)
    # A run that was killed left its server behind: stop it first.
    [ -f "$state" ] && "$0" stop
    folder="$(mktemp -d /tmp/saleswheel-postgres.XXXXXX)"
    chmod 755 "$folder"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$folder"
    port="$(free_port)"
    # C.UTF-8: byte order for text, as SQLite compares it, whatever the machine's locale.
    as_owner "$bin/initdb" -D "$folder/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$folder/initdb.log" 2>&1 || {
      cat "$folder/initdb.log" >&2
      rm -rf "$folder"
      exit 1
    }
    # fsync off: a test database never outlives the run, so a crash may lose it. Enough connections for several
    # test apps at once (each pools its own).
    durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${2:-}" = "--durable" ] && durability=""
    as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $port -k $folder $durability -c max_connections=300" start >/dev/null || {
      cat "$folder/server.log" >&2
      rm -rf "$folder"
      exit 1
    }
    printf '%s\n%s\n' "$folder" "$port" >"$state"
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    if [ ! -f "$state" ]; then
      exit 0
    fi
    folder="$(sed -n 1p "$state")"
    as_owner "$bin/pg_ctl" -D "$folder/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$folder" "$state"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
