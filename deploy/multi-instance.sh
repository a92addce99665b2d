#!/usr/bin/env bash
# Several Wish.Api instances on one machine behind nginx, the shape of a scaled-out deployment:
# every instance shares PostgreSQL and Redis (claim locks, message dedup, conversations, access tokens),
# so any of them can take any request. Usage: deploy/multi-instance.sh [instances, default 3]
# Serves on http://127.0.0.1:5080 (nginx); instances listen on 5081, 5082, ...; Ctrl-C (or SIGTERM) stops them all.
# WISH_MULTI_PORT moves the whole set (nginx on it, instances above it, the one-off migrating start on it + 19), so a second
# set can run beside the first (deploy/faults.sh does). Each instance's pid is in .local/multi-PORT/instance-N.pid.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
count="${1:-3}"
base="${WISH_MULTI_PORT:-5080}"
run_dir="$root/.local/multi-$base"
export NUGET_CERT_REVOCATION_MODE=offline DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

"$root/deploy/infra.sh"
command -v nginx >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null; }

export ConnectionStrings__Postgres="${ConnectionStrings__Postgres:-Host=127.0.0.1;Port=${WISH_PG_PORT:-5432};Database=wechatwish;Username=postgres;Password=${WISH_PG_PASSWORD:-postgres};Max Auto Prepare=20}"
export ConnectionStrings__Redis="${ConnectionStrings__Redis:-127.0.0.1:${WISH_REDIS_PORT:-6379}}"
if [[ -n "${WISH_ADMIN_PASSWORD:-}" ]]; then export Seed__AdminPassword="$WISH_ADMIN_PASSWORD"; fi
set -a; source "$("$root/deploy/local-settings.sh")"; set +a
dotnet build "$root/Wish.Api/Wish.Api.csproj" -c Release -nodeReuse:false -v quiet -clp:NoSummary
"$root/deploy/console.sh" >/dev/null
dll="$root/Wish.Api/bin/Release/net10.0/Wish.Api.dll"

# Migrations run once, as the separate step a production deployment would make; the instances only serve.
Database__InitializeOnStartup=true ASPNETCORE_URLS="http://127.0.0.1:$((base + 19))" dotnet "$dll" --contentRoot "$root/Wish.Api" &
init=$!
until curl -sf "http://127.0.0.1:$((base + 19))/health/ready" >/dev/null; do sleep 0.5; kill -0 "$init" 2>/dev/null || exit 1; done
kill "$init"; wait "$init" 2>/dev/null || true

pids=()
mkdir -p "$run_dir"
conf="$run_dir/nginx.conf"
trap 'kill "${pids[@]}" 2>/dev/null; nginx -s stop -c "$conf" 2>/dev/null || true' EXIT
# A TERM (from deploy/faults.sh, say) must stop the instances and nginx too, which the EXIT trap does only on a trapped signal.
trap 'exit 143' TERM INT
upstreams=""
for i in $(seq 1 "$count"); do
    port=$((base + i))
    Database__InitializeOnStartup=false ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet "$dll" --contentRoot "$root/Wish.Api" &
    pids+=($!)
    echo $! >"$run_dir/instance-$i.pid"
    upstreams+="        server 127.0.0.1:$port;"$'\n'
done

cat >"$conf" <<NGINX
worker_processes auto;
pid $run_dir/nginx.pid;
error_log $run_dir/error.log;
events { worker_connections 4096; }
http {
    access_log off;
    upstream wechatwish {
        least_conn;
$upstreams        keepalive 64;
    }
    server {
        listen 127.0.0.1:$base;
        location / {
            proxy_pass http://wechatwish;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$remote_addr;
        }
    }
}
NGINX
for i in $(seq 1 "$count"); do
    until curl -sf "http://127.0.0.1:$((base + i))/health/ready" >/dev/null; do sleep 0.5; done
done
nginx -c "$conf"
echo "[multi] $count instances behind nginx on http://127.0.0.1:$base"
# One instance killed (deploy/faults.sh does) leaves the others serving: wait for them all, whatever one of them exited with.
wait "${pids[@]}" || true
