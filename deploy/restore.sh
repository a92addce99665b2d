#!/usr/bin/env bash
# Restores a backup made by deploy/backup.sh into a new database, which the service can then be started on
# (Database__InitializeOnStartup is not needed: the dump carries the migrations history).
# Usage: deploy/restore.sh BACKUP.dump [database] [--replace]
#   database   default PGDATABASE, else wechatwish
#   --replace  drop the database first if it exists (stop the service first); without it an existing database is
#              left alone and the restore refuses
# The server is named by PGHOST, PGPORT, PGUSER, PGPASSWORD as for backup.sh. The restore runs in one transaction:
# it either completes or leaves an empty database behind, and any error stops it with a non-zero exit.
set -euo pipefail

log() { printf '[restore] %s\n' "$*" >&2; }
replace=false
args=()
for arg in "$@"; do
    case "$arg" in
        --replace) replace=true ;;
        -*) log "unknown option $arg"; exit 2 ;;
        *) args+=("$arg") ;;
    esac
done
((${#args[@]} >= 1 && ${#args[@]} <= 2)) || { sed -n '2,9p' "$0" >&2; exit 2; }
file="${args[0]}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-${WISH_PG_PORT:-5432}}" PGUSER="${PGUSER:-postgres}"
export PGPASSWORD="${PGPASSWORD:-${WISH_PG_PASSWORD:-postgres}}"
database="${args[1]:-${PGDATABASE:-wechatwish}}"
[[ "$database" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || { log "database name '$database' must be letters, digits and _"; exit 2; }
[[ -f "$file" ]] || { log "no backup at $file"; exit 1; }
pg_restore --list "$file" >/dev/null || { log "$file is not a pg_dump custom-format backup"; exit 1; }

exists="$(psql -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = '$database'")"
if [[ "$exists" == 1 ]]; then
    if ! $replace; then log "database $database exists: restore into a new name, or give --replace to drop it"; exit 1; fi
    log "dropping database $database"
    psql -d postgres -qc "DROP DATABASE \"$database\" WITH (FORCE)"
fi
psql -d postgres -qc "CREATE DATABASE \"$database\""
pg_restore --dbname="$database" --no-owner --no-privileges --exit-on-error --single-transaction "$file"
wishes="$(psql -d "$database" -Atqc 'SELECT count(*) FROM "Wishes"' 2>/dev/null || echo '?')"
log "$file → $database on $PGHOST:$PGPORT ($wishes wishes)"
