#!/usr/bin/env bash
# A local Redis Cluster of three masters (no replicas) on loopback, from Debian's redis-server package, the shape the
# service meets where Redis is a cluster: every script it runs must keep its keys in one hash slot ({...} hash tags).
# Usage: deploy/redis-cluster.sh start [directory]   starts it (or finds it running) and prints the StackExchange.Redis
#                                                    configuration, e.g. 127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003;
#                                                    after a stop, the same nodes rejoin with their slots (data is gone)
#        deploy/redis-cluster.sh stop [directory]    stops its nodes, keeping the cluster's layout for the next start
#        deploy/redis-cluster.sh purge [directory]   stops them and removes the directory
# Ports: WISH_REDIS_CLUSTER_PORTS, default "7001 7002 7003" (each also uses its port + 10000 for the cluster bus).
# Directory: default .local/redis-cluster. Nothing is persisted: the cluster is for tests and trials.
# Use it with the service: ConnectionStrings__Redis="$(deploy/redis-cluster.sh start)" deploy/run.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
action="${1:-start}"
dir="${2:-$root/.local/redis-cluster}"
read -r -a ports <<<"${WISH_REDIS_CLUSTER_PORTS:-7001 7002 7003}"

log() { printf '[redis-cluster] %s\n' "$*" >&2; }
((${#ports[@]} >= 3)) || { log "a cluster needs three masters: WISH_REDIS_CLUSTER_PORTS has ${#ports[@]} ports"; exit 2; }
for port in "${ports[@]}"; do
    [[ "$port" =~ ^[0-9]+$ ]] && ((port > 0 && port <= 55535)) || { log "port $port: must be 1-55535 (the bus uses port + 10000)"; exit 2; }
done
cli() { redis-cli -h 127.0.0.1 -p "$1" "${@:2}"; }
configuration() { local IFS=,; printf '%s\n' "${ports[*]/#/127.0.0.1:}"; }

case "$action" in
    stop|purge)
        for port in "${ports[@]}"; do
            cli "$port" shutdown nosave >/dev/null 2>&1 || true
            for _ in $(seq 1 100); do cli "$port" ping >/dev/null 2>&1 || break; sleep 0.05; done
        done
        if [[ "$action" == purge ]]; then rm -rf "$dir"; fi
        log "stopped ${ports[*]}"
        exit 0 ;;
    start) ;;
    *) sed -n '4,12p' "$0" >&2; exit 2 ;;
esac

if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
    log "installing redis-server from Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends redis-server >/dev/null
fi

if [[ "$(cli "${ports[0]}" cluster info 2>/dev/null | tr -d '\r' | sed -n 's/^cluster_state://p')" == ok ]]; then
    log "already running on ${ports[*]}"
    configuration
    exit 0
fi

mkdir -p "$dir"
# Every node's nodes-PORT.conf left by a stop: the nodes rejoin as they were. Otherwise a new cluster is made.
rejoin=true
for port in "${ports[@]}"; do [[ -s "$dir/nodes-$port.conf" ]] || rejoin=false; done
for port in "${ports[@]}"; do
    cli "$port" ping >/dev/null 2>&1 && continue
    $rejoin || rm -f "$dir/nodes-$port.conf"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --dir "$dir" \
        --cluster-enabled yes --cluster-config-file "nodes-$port.conf" --cluster-node-timeout 5000 \
        --save '' --appendonly no --pidfile "$dir/redis-$port.pid" --logfile "$dir/redis-$port.log" >/dev/null
done
for port in "${ports[@]}"; do
    for _ in $(seq 1 100); do cli "$port" ping 2>/dev/null | grep -q PONG && break; sleep 0.05; done
    cli "$port" ping 2>/dev/null | grep -q PONG || { log "node $port does not answer (see $dir/redis-$port.log)"; exit 1; }
done

if ! $rejoin; then
    nodes=()
    for port in "${ports[@]}"; do nodes+=("127.0.0.1:$port"); done
    redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >"$dir/create.log" 2>&1 \
        || { log "redis-cli --cluster create failed:"; cat "$dir/create.log" >&2; exit 1; }
fi
# Slots are assigned at once, but each node learns the others' over the bus: wait until every node says ok.
for port in "${ports[@]}"; do
    for _ in $(seq 1 400); do
        [[ "$(cli "$port" cluster info | tr -d '\r' | sed -n 's/^cluster_state://p')" == ok ]] && break
        sleep 0.05
    done
    [[ "$(cli "$port" cluster info | tr -d '\r' | sed -n 's/^cluster_state://p')" == ok ]] \
        || { log "node $port never reached cluster_state:ok"; exit 1; }
done
log "three masters on ${ports[*]}"
configuration
