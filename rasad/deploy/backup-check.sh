#!/usr/bin/env bash
# A backup that is tried: pg_dump the database, pg_restore it into a scratch database, and compare
# the row count of every table of the two. Exits non-zero if the dump, the restore or any count fails.
#
#   rasad/deploy/backup-check.sh [SOURCE_URL [SCRATCH_URL]]
#
# SOURCE_URL defaults to DATABASE_URL; SCRATCH_URL to the same server with "_restore" after the
# database name. The scratch database is dropped and created again; the dump is kept as
# $BACKUP_DIR/<database>-<UTC time>.dump (BACKUP_DIR defaults to a temporary directory).
set -euo pipefail

SOURCE=${1:-${DATABASE_URL:?set DATABASE_URL or pass the database URL}}
case "$SOURCE" in postgres://* | postgresql://*) ;; *) echo "not a PostgreSQL URL: $SOURCE" >&2; exit 2 ;; esac
SOURCE=${SOURCE/#postgres:\/\//postgresql://}
SERVER=${SOURCE%/*}
NAME=${SOURCE##*/}
NAME=${NAME%%\?*}
SCRATCH=${2:-$SERVER/${NAME}_restore}
SCRATCH=${SCRATCH/#postgres:\/\//postgresql://}
SCRATCH_NAME=${SCRATCH##*/}
SCRATCH_NAME=${SCRATCH_NAME%%\?*}
if [ "$SCRATCH_NAME" = "$NAME" ]; then echo "the scratch database must not be the source" >&2; exit 2; fi

BACKUP_DIR=${BACKUP_DIR:-$(mktemp -d)}
DUMP="$BACKUP_DIR/$NAME-$(date -u +%Y%m%dT%H%M%SZ).dump"

echo "pg_dump $NAME → $DUMP"
pg_dump --format=custom --no-owner --no-privileges --file="$DUMP" "$SOURCE"

echo "pg_restore → $SCRATCH_NAME"
psql "${SCRATCH%/*}/postgres" -q -v ON_ERROR_STOP=1 \
  -c "DROP DATABASE IF EXISTS \"$SCRATCH_NAME\"" -c "CREATE DATABASE \"$SCRATCH_NAME\""
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$SCRATCH" "$DUMP"

# Every table of every schema but the system's, with its exact row count, in one query.
COUNTS="SELECT table_schema || '.' || table_name || ' ' ||
  (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text
  FROM information_schema.tables
  WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
  ORDER BY 1"
before=$(psql "$SOURCE" -At -v ON_ERROR_STOP=1 -c "$COUNTS")
after=$(psql "$SCRATCH" -At -v ON_ERROR_STOP=1 -c "$COUNTS")
if ! diff <(echo "$before") <(echo "$after"); then
  echo "FAIL: row counts differ between $NAME and $SCRATCH_NAME (< source, > restored)" >&2
  exit 1
fi
tables=$(echo "$before" | grep -c .)
rows=$(echo "$before" | awk '{ s += $2 } END { print s + 0 }')
echo "OK: $tables tables, $rows rows, every count equal after restore ($DUMP)"
