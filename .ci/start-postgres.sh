#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the persistence tests, without systemd.
# Idempotent: a second run finds the server already up and only prints the connection string.
# Output on stdout is meant to be sourced:  source <(.ci/start-postgres.sh)
# Diagnostics go to stderr. Settings (env): PBM_PG_PORT (55432), PBM_PG_DATA (/tmp/pbm-postgres).
set -euo pipefail

PORT="${PBM_PG_PORT:-55432}"
DATA_DIR="${PBM_PG_DATA:-/tmp/pbm-postgres}"
ROLE=pbm_test
PASSWORD=pbm_test
DATABASE=pbm_test

log() { echo "start-postgres: $*" >&2; }

find_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then echo "$dir"; return 0; fi
  done
  return 1
}

BIN_DIR="$(find_bindir || true)"
if [[ -z "$BIN_DIR" ]]; then
  log "PostgreSQL not found; installing it from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y postgresql >&2 || { apt-get update >&2 && apt-get install -y postgresql >&2; }
  BIN_DIR="$(find_bindir)"
fi
log "using $BIN_DIR"

# The server refuses to run as root: run everything as the postgres user when we are root.
if [[ "$(id -u)" == 0 ]]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

psql_admin() {
  as_pg "$BIN_DIR/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d postgres "$@"
}

if [[ ! -f "$DATA_DIR/PG_VERSION" ]]; then
  log "initialising $DATA_DIR"
  mkdir -p "$DATA_DIR"
  [[ "$(id -u)" == 0 ]] && chown postgres: "$DATA_DIR"
  chmod 700 "$DATA_DIR"
  # trust for the superuser on loopback only; the test role uses a password (scram).
  as_pg "$BIN_DIR/initdb" -D "$DATA_DIR" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >&2 2>&1 || as_pg "$BIN_DIR/initdb" -D "$DATA_DIR" -U postgres \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C >&2
  cat > "$DATA_DIR/pg_hba.conf" <<HBA
local all all trust
host all postgres 127.0.0.1/32 trust
host all all 127.0.0.1/32 scram-sha-256
HBA
fi

if ! as_pg "$BIN_DIR/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1; then
  log "starting server on 127.0.0.1:$PORT"
  # The socket directory is the data dir: /var/run/postgresql may not exist without the service.
  as_pg "$BIN_DIR/pg_ctl" -D "$DATA_DIR" -l "$DATA_DIR/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DATA_DIR -c max_connections=200 -c fsync=on" >&2
fi

for _ in $(seq 1 60); do
  "$BIN_DIR/pg_isready" -q -h 127.0.0.1 -p "$PORT" && break
  sleep 0.5
done
"$BIN_DIR/pg_isready" -h 127.0.0.1 -p "$PORT" >&2

psql_admin <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD' CREATEDB;
  END IF;
END \$\$;
SQL
if [[ -z "$(psql_admin -tA -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" ]]; then
  psql_admin -c "CREATE DATABASE $DATABASE OWNER $ROLE"
fi

echo "export PBM_TEST_POSTGRES='Host=127.0.0.1;Port=$PORT;Username=$ROLE;Password=$PASSWORD;Database=$DATABASE'"
