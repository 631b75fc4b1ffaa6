#!/usr/bin/env bash
# Stops the throw-away PostgreSQL server that .ci/start-postgres.sh started.
set -euo pipefail
DATA_DIR="${PBM_PG_DATA:-/tmp/pbm-postgres}"
[[ -f "$DATA_DIR/postmaster.pid" ]] || exit 0
BIN_DIR="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r | head -1)"
if [[ "$(id -u)" == 0 ]]; then
  runuser -u postgres -- "$BIN_DIR/pg_ctl" -D "$DATA_DIR" -m fast -w stop >&2
else
  "$BIN_DIR/pg_ctl" -D "$DATA_DIR" -m fast -w stop >&2
fi
