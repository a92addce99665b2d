#!/usr/bin/env bash
# Backs up the WeChatWish database with pg_dump in its custom format (compressed; pg_restore can restore it whole or
# table by table), checks the file reads back, and keeps only the newest WISH_BACKUP_KEEP backups.
# Usage: deploy/backup.sh [directory]   (default WISH_BACKUP_DIR, else /var/backups/wechatwish)
# The database is named by libpq's own variables, defaulting to what deploy/infra.sh and run.sh set up:
#   PGHOST (127.0.0.1) PGPORT (WISH_PG_PORT, 5432) PGUSER (postgres) PGPASSWORD (WISH_PG_PASSWORD, postgres)
#   PGDATABASE (wechatwish)
# Prints the backup's path on stdout. The file holds every beneficiary's personal data: the directory is made 0700
# and the files 0600; keep copies off this machine, encrypted, as the retention rules in docs/backups.md say.
set -euo pipefail

dir="${1:-${WISH_BACKUP_DIR:-/var/backups/wechatwish}}"
keep="${WISH_BACKUP_KEEP:-14}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-${WISH_PG_PORT:-5432}}" PGUSER="${PGUSER:-postgres}"
export PGPASSWORD="${PGPASSWORD:-${WISH_PG_PASSWORD:-postgres}}" PGDATABASE="${PGDATABASE:-wechatwish}"

log() { printf '[backup] %s\n' "$*" >&2; }
[[ "$keep" =~ ^[1-9][0-9]*$ ]] || { log "WISH_BACKUP_KEEP must be a whole number of at least 1, not '$keep'"; exit 2; }
command -v pg_dump >/dev/null || { log "pg_dump is missing: apt-get install postgresql-client"; exit 1; }

umask 077
mkdir -p "$dir"
chmod 700 "$dir"
# Sortable by time to the nanosecond, so several backups within a second neither clash nor rotate out of order.
name="$PGDATABASE-$(date -u +%Y%m%dT%H%M%S.%NZ).dump"
partial="$dir/.$name.partial"
trap 'rm -f "$partial"' EXIT

# One consistent snapshot (pg_dump runs in a single repeatable-read transaction); the service keeps serving meanwhile.
pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$partial" "$PGDATABASE"
# A dump that pg_restore cannot list is no backup: check before it may push an older, good one out of the rotation.
tables="$(pg_restore --list "$partial" | grep -c ' TABLE DATA ' || true)"
((tables > 0)) || { log "the dump of $PGDATABASE lists no table data"; exit 1; }
mv "$partial" "$dir/$name"
trap - EXIT
log "$PGDATABASE on $PGHOST:$PGPORT → $dir/$name ($(stat -c %s "$dir/$name") bytes, $tables tables)"

# Rotation: the newest $keep of this database's backups stay.
mapfile -t old < <(ls -1 "$dir" | grep -E "^$PGDATABASE-[0-9]{8}T[0-9]{6}\.[0-9]+Z\.dump$" | sort -r | tail -n +"$((keep + 1))")
for file in "${old[@]}"; do
    rm -f "$dir/$file"
    log "rotated out $file"
done
echo "$dir/$name"
