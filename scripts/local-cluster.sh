#!/usr/bin/env bash
# Runs a local OrleansFib cluster in the foreground: redis-server for membership, N silo processes and
# a gateway (an Orleans client) on this machine.
#   scripts/local-cluster.sh [SILOS] [WORKERS_PER_SILO]     (defaults: 2 silos, 1 worker each)
# Redis on 127.0.0.1:6380; silos on silo ports 11111, 11112, ..., gateway ports 30001, 30002, ...,
# operations 8081, 8082, ...; the gateway on :25000 (operations :8080). Add a silo by hand at any time:
#   dotnet Silo/bin/Release/net10.0/Silo.dll --clustering redis:127.0.0.1:6380 --advertise 127.0.0.1 \
#     --silo-port 11119 --gateway-port 30009 --http-port 8089 &
# Ctrl-C stops everything this script started (by PID). Needs redis-server (apt-get install redis-server).
set -euo pipefail
silos=${1:-2}
workers=${2:-1}
redis_port=${REDIS_PORT:-6380}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
command -v redis-server >/dev/null || { echo "needs redis-server (apt-get install redis-server)" >&2; exit 1; }
for project in Silo Gateway; do dotnet build "$project" -c Release -nologo -v quiet; done

pids=()
stop() { trap - INT TERM EXIT; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop INT TERM EXIT

redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no >/dev/null &
pids+=($!)
clustering="redis:127.0.0.1:$redis_port"
for i in $(seq 1 "$silos"); do
  dotnet Silo/bin/Release/net10.0/Silo.dll --clustering "$clustering" --advertise 127.0.0.1 \
    --silo-port $((11110 + i)) --gateway-port $((30000 + i)) --http-port $((8080 + i)) --workers "$workers" &
  pids+=($!)
done
dotnet Gateway/bin/Release/net10.0/Gateway.dll --clustering "$clustering" &
pids+=($!)
wait -n "${pids[@]}"
