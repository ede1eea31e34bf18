#!/usr/bin/env bash
# Runs a local OrleansFib cluster in the foreground: N silo processes and a gateway on this machine.
#   scripts/local-cluster.sh [SILOS] [WORKERS_PER_SILO]     (defaults: 2 silos, 1 worker each)
# Silos listen on 127.0.0.1:11111, 11112, ... (operations: 8081, 8082, ...); the gateway on :25000
# (operations :8080) reads the silo list from a file it re-reads, so you can add a silo by hand:
#   dotnet Silo/bin/Release/net10.0/Silo.dll --address 127.0.0.1 --port 11119 --health-port 8089 &
#   echo 127.0.0.1:11119 >> "$LIST"          (the path is printed at start)
# Ctrl-C stops everything this script started (by PID).
set -euo pipefail
silos=${1:-2}
workers=${2:-1}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
for project in Silo Gateway; do dotnet build "$project" -c Release -nologo -v quiet; done

list=$(mktemp -t orleansfib-silos.XXXXXX)
pids=()
stop() { trap - INT TERM EXIT; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -f "$list"; }
trap stop INT TERM EXIT

for i in $(seq 1 "$silos"); do
  dotnet Silo/bin/Release/net10.0/Silo.dll --address 127.0.0.1 --port $((11110 + i)) --health-port $((8080 + i)) --workers "$workers" &
  pids+=($!)
  echo "127.0.0.1:$((11110 + i))" >>"$list"
done
echo "silo list: $list"
dotnet Gateway/bin/Release/net10.0/Gateway.dll --silos "file:$list" --Cluster:RefreshInterval=00:00:01 &
pids+=($!)
wait -n "${pids[@]}"
