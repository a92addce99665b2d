#!/usr/bin/env bash
# Brings up PostgreSQL and Redis on 127.0.0.1 from Debian packages, installing them when absent.
# Safe to run again: what already runs is left alone. Needs root (apt, runuser). No Docker, no systemd.
set -euo pipefail

PG_PORT="${WISH_PG_PORT:-5432}"
PG_PASSWORD="${WISH_PG_PASSWORD:-postgres}"
REDIS_PORT="${WISH_REDIS_PORT:-6379}"

log() { printf '[infra] %s\n' "$*" >&2; }

missing=()
compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
if ((${#missing[@]})); then
    log "installing ${missing[*]} from Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- PostgreSQL: Debian's cluster, loopback only ---
pg_version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | awk -v v="$pg_version" '$1 == v && $2 == "main"' | grep -q .; then
    log "creating PostgreSQL $pg_version cluster 'main'"
    pg_createcluster "$pg_version" main >/dev/null
fi
conf_dir="/etc/postgresql/$pg_version/main/conf.d"
mkdir -p "$conf_dir"
conf_file="$conf_dir/wechatwish.conf"
# Several instances (and the test suite's hosts) each keep a connection pool: Debian's default of 100 is too few.
wanted_conf="listen_addresses = '127.0.0.1'
port = $PG_PORT
max_connections = 300"
if [[ ! -f "$conf_file" ]] || [[ "$(cat "$conf_file")" != "$wanted_conf" ]]; then
    printf '%s\n' "$wanted_conf" >"$conf_file"
    if pg_lsclusters -h | awk -v v="$pg_version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
        log "restarting PostgreSQL to apply $conf_file"
        pg_ctlcluster "$pg_version" main restart
    fi
fi
if ! pg_lsclusters -h | awk -v v="$pg_version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
    log "starting PostgreSQL $pg_version on 127.0.0.1:$PG_PORT"
    pg_ctlcluster "$pg_version" main start
fi
for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && break
    sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$PG_PORT" || { log "PostgreSQL does not answer on 127.0.0.1:$PG_PORT"; exit 1; }
# The password is for loopback connections only; a real deployment brings its own connection string.
(cd / && runuser -u postgres -- psql -q -p "$PG_PORT" -c "ALTER USER postgres PASSWORD '${PG_PASSWORD//\'/\'\'}'" >/dev/null)

# --- Redis: loopback only ---
if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
    log "starting Redis on 127.0.0.1:$REDIS_PORT"
    mkdir -p /var/lib/redis
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" \
        --dir /var/lib/redis --dbfilename "wechatwish-$REDIS_PORT.rdb" --save '60 1' --appendonly no \
        --logfile "/var/log/redis-wechatwish-$REDIS_PORT.log" >/dev/null
    for _ in $(seq 1 50); do
        redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && break
        sleep 0.1
    done
fi
redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG || { log "Redis does not answer on 127.0.0.1:$REDIS_PORT"; exit 1; }

log "PostgreSQL 127.0.0.1:$PG_PORT and Redis 127.0.0.1:$REDIS_PORT are up"
