#!/usr/bin/env bash
# Issue 17's fault injection, printing figures: three Wish.Api instances behind nginx (deploy/multi-instance.sh) on a
# PostgreSQL cluster and a redis-server of this script's own, so restarting them disturbs nobody else's database or tests.
# During a claim storm, one after another: kill -9 one instance, restart Redis, restart PostgreSQL (each down for
# WISH_FAULTS_DOWN seconds, default 2); then kill -9 a second instance while people talk to the official account and every
# WeChat message is delivered four times at once. The first kill lands mid-push: the instances' dispatchers send a staff push
# to 2,000 openids at 200/s to a fake WeChat API the bench serves on WISH_FAULTS_PORT + 18 (5198), which counts every send.
# bench/Wish.Bench checks: no wish with two active claims, a claim row for every 201, every claim row answered 201 (or 200 to
# its own volunteer), the service answering within 10 s of each fault, every person of the intake burst ending with exactly
# one wish, the one they described, and the push finishing with every openid sent, twice only if the killed instance held its row.
# Usage: deploy/faults.sh [--short]   (--short: shorter storms, as the test suite runs it; 2-4 minutes on a loaded 2-core machine)
# Ports (all loopback, none of 5080-5099): WISH_FAULTS_PORT (nginx 5180, instances 5181-5183, migration 5199),
# WISH_FAULTS_PG_PORT (5433), WISH_FAULTS_REDIS_PORT (6390). Exits non-zero unless every check holds.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export NUGET_CERT_REVOCATION_MODE=offline DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
base="${WISH_FAULTS_PORT:-5180}"
pg_port="${WISH_FAULTS_PG_PORT:-5433}"
redis_port="${WISH_FAULTS_REDIS_PORT:-6390}"
down="${WISH_FAULTS_DOWN:-2}"
seconds=12; volunteers=300; connections=32; people=40
# The push during the first kill: N openids at a rate taking ~10 s, shared by the three instances' dispatchers.
push_recipients=2000; push_rate=200
if [[ "${1:-}" == --short ]]; then seconds=7; volunteers=150; connections=16; people=15; fi
fake_wechat_port=$((base + 18))

log() { printf '[faults] %s\n' "$*" >&2; }

# Packages only: the shared PostgreSQL and Redis are not used, but infra.sh installs what is missing.
"$root/deploy/infra.sh" 2>/dev/null
command -v nginx >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null; }
pgbin="/usr/lib/postgresql/$(ls /usr/lib/postgresql | sort -V | tail -n 1)/bin"

work="$(mktemp -d /tmp/wish-faults-XXXXXX)"
chmod 755 "$work"
mkdir -p "$work/pg" "$work/sock"
chown postgres: "$work/pg" "$work/sock"
multi=""
cleanup() {
    if [[ -n "$multi" ]]; then kill "$multi" 2>/dev/null || true; wait "$multi" 2>/dev/null || true; fi
    redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
    runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

# --- PostgreSQL of our own: initdb into the work directory, trust on loopback only ---
(cd / && runuser -u postgres -- "$pgbin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 >/dev/null)
pg_ctl() { (cd / && runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -l "$work/sock/pg.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories=$work/sock -c max_connections=300" "$@" >/dev/null); }
pg_ctl start
# --- Redis of our own ---
redis_start() {
    redis-server --daemonize yes --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no \
        --dir "$work" --pidfile "$work/redis.pid" --logfile "$work/redis.log" >/dev/null
    for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG && return; sleep 0.1; done
    log "redis-server did not start on $redis_port"; return 1
}
redis_start
log "PostgreSQL 127.0.0.1:$pg_port and Redis 127.0.0.1:$redis_port of this run's own ($work)"

postgres="Host=127.0.0.1;Port=$pg_port;Database=wechatwish_faults;Username=postgres;Password=postgres"
export Jwt__SigningKey="faults-signing-key-$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
# The driver signs WeChat pushes with the same token the instances check.
export WeChat__OfficialAccount__Token="faults$(head -c 16 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
export WISH_FAULT_ADMIN_PASSWORD="Faults-Admin-$(head -c 16 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
dotnet build "$root/bench/Wish.Bench/Wish.Bench.csproj" -c Release -nodeReuse:false -v quiet -clp:NoSummary

WISH_MULTI_PORT="$base" ConnectionStrings__Postgres="$postgres;Max Auto Prepare=20" \
    ConnectionStrings__Redis="127.0.0.1:$redis_port,abortConnect=false" \
    Telemetry__ConsoleFormat=simple Logging__LogLevel__Default=Warning WISH_ADMIN_PASSWORD="$WISH_FAULT_ADMIN_PASSWORD" \
    WeChat__ApiBaseUrl="http://127.0.0.1:$fake_wechat_port" Notifications__DispatcherEnabled=true \
    Notifications__RatePerSecond="$push_rate" Notifications__Instances=3 Notifications__BatchSize=50 \
    Notifications__PollInterval=00:00:00.200 Notifications__Lease=00:00:08 \
    "$root/deploy/multi-instance.sh" 3 >"$work/multi.log" 2>&1 &
multi=$!
for _ in $(seq 1 600); do
    grep -q '^\[multi\] .* behind nginx' "$work/multi.log" 2>/dev/null && break
    kill -0 "$multi" 2>/dev/null || { log "multi-instance.sh stopped:"; tail -n 40 "$work/multi.log" >&2; exit 1; }
    sleep 0.5
done
grep -q '^\[multi\] .* behind nginx' "$work/multi.log" || { log "the instances did not come up"; tail -n 40 "$work/multi.log" >&2; exit 1; }
log "three instances behind nginx on http://127.0.0.1:$base"

run_dir="$root/.local/multi-$base"
export WISH_FAULT_KILL="kill -9 \$(cat '$run_dir/instance-2.pid')"
# The same kill lands mid-push: the bench serves the fake WeChat API the instances send to, and reads instance 2's leased rows.
export WISH_FAULT_PUSH_WECHAT_PORT="$fake_wechat_port" WISH_FAULT_PUSH_PID_FILE="$run_dir/instance-2.pid"
# Last, during the intake burst: a second instance, leaving instance 1.
export WISH_FAULT_INTAKE_KILL="kill -9 \$(cat '$run_dir/instance-3.pid')"
export WISH_FAULT_REDIS="redis-cli -p $redis_port shutdown nosave >/dev/null; sleep $down; redis-server --daemonize yes --bind 127.0.0.1 --port $redis_port --save '' --appendonly no --dir '$work' --pidfile '$work/redis.pid' --logfile '$work/redis.log' >/dev/null"
export WISH_FAULT_POSTGRES="cd / && runuser -u postgres -- '$pgbin/pg_ctl' -D '$work/pg' -m fast -w stop >/dev/null && sleep $down && runuser -u postgres -- '$pgbin/pg_ctl' -D '$work/pg' -l '$work/sock/pg.log' -w -o '-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories=$work/sock -c max_connections=300' start >/dev/null"

status=0
dotnet "$root/bench/Wish.Bench/bin/Release/net10.0/Wish.Bench.dll" faults --base "http://127.0.0.1:$base" --postgres "$postgres" \
    --seconds "$seconds" --volunteers "$volunteers" --connections "$connections" --people "$people" \
    --push-recipients "$push_recipients" || status=$?
if ((status != 0)); then log "instance log (last lines):"; grep -iE 'fail|error|exception' "$work/multi.log" | tail -n 20 >&2 || true; fi
exit "$status"
