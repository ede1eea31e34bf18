#!/usr/bin/env bash
# One side-by-side Bench run of every workload against OrleansFib (embedded, and a gateway with two
# one-worker silos) and the seed servers of the talk (Go concurrent, Python sync, Python threads+pool);
# then the cluster's own figures: fib(1) through a silo against the embedded gateway, and fib(30) on
# two silos against one (each silo one worker).
#   scripts/bench-all.sh [OUT_DIR]      (default: bench-results/; one JSON file per workload)
# Needs python3, redis-server, and Go for the Go seed (Debian: apt-get install golang-go redis-server).
# The seed servers are the talk's, in benchmarks/seeds. Everything
# listens on 127.0.0.1 and is stopped by PID at the end. DURATION (default 5) and ROUNDS (default 1)
# set the length of each run; ONLY=conns (a workload name, "cost" or "cluster") runs just that one.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/bench-results}
duration=${DURATION:-5}
rounds=${ROUNDS:-1}
mkdir -p "$out"
cd "$root"
for project in Silo Gateway benchmarks/Bench; do dotnet build "$project" -c Release -nologo -v quiet; done
# What the embedded gateway costs as a process, alone on the machine (start-up CPU, idle CPU, RSS).
if [[ -z ${ONLY:-} || $ONLY == cost ]]; then
  python3 scripts/process-cost.py 25111 --threads -- dotnet Gateway/bin/Release/net10.0/Gateway.dll --address 127.0.0.1 --port 25111 --http-port 18111
fi

pids=()
redis_pid=
terminate() { kill -TERM -- "-$1" 2>/dev/null || kill -TERM "$1" 2>/dev/null || true; }
# Redis last: a silo that cannot record its own leaving waits a minute for Redis before it exits.
stop() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do [[ $pid == "$redis_pid" ]] || terminate "$pid"; done
  for pid in "${pids[@]}"; do [[ $pid == "$redis_pid" ]] || wait "$pid" 2>/dev/null || true; done
  [[ -z $redis_pid ]] || terminate "$redis_pid"
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM
start() { setsid "$@" >/dev/null 2>&1 & pids+=($!); }
await_port() { for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done; echo "nothing listens on $1" >&2; exit 1; }

quiet=(--address 127.0.0.1 --Logging:LogLevel:Default=Warning)
start dotnet Gateway/bin/Release/net10.0/Gateway.dll "${quiet[@]}" --port 25100 --http-port 18100 --silo-port 12400
embedded_pid=${pids[-1]}
start redis-server --bind 127.0.0.1 --port 16390 --save '' --appendonly no
redis_pid=${pids[-1]}
cluster=(--clustering redis:127.0.0.1:16390 --advertise 127.0.0.1)
start dotnet Silo/bin/Release/net10.0/Silo.dll "${quiet[@]}" "${cluster[@]}" --silo-port 12401 --gateway-port 12411 --http-port 18401 --workers 1
start dotnet Silo/bin/Release/net10.0/Silo.dll "${quiet[@]}" "${cluster[@]}" --silo-port 12402 --gateway-port 12412 --http-port 18402 --workers 1
start dotnet Gateway/bin/Release/net10.0/Gateway.dll "${quiet[@]}" --port 25101 --http-port 18101 --clustering redis:127.0.0.1:16390
start benchmarks/seeds/serve-seed.sh go-concurrent 25102
go_launcher=${pids[-1]}
start benchmarks/seeds/serve-seed.sh py-sync 25103
start benchmarks/seeds/serve-seed.sh py-threads-pool 25104
for port in 25100 25101 25102 25103 25104; do await_port "$port"; done
go_pid=$(pgrep -P "$go_launcher" -n 2>/dev/null || echo "$go_launcher")

targets=(-t orleansfib=127.0.0.1:25100 -t orleansfib-2-silos=127.0.0.1:25101 -t go=127.0.0.1:25102 -t py-sync=127.0.0.1:25103 -t py-threads-pool=127.0.0.1:25104)
run() { local r=$1; shift; dotnet benchmarks/Bench/bin/Release/net10.0/Bench.dll "$@" --duration "$duration" --rounds "$r" --timeout 5 || true; }
bench() { [[ -n ${ONLY:-} && $1 != "$ONLY" ]] && return 0; run "$rounds" "$@" "${targets[@]}"; }
# Noisier (five processes share the cores): at least three interleaved rounds, and a longer warm-up
# (the processes started just before are still compiling their hot paths).
cluster() { [[ -n ${ONLY:-} && $ONLY != cluster ]] && return 0; run "$(( rounds > 3 ? rounds : 3 ))" "$@" --warmup 3; }
echo "# $(date -u +%F) on $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"
bench ping --conns 1 --json "$out/ping-1.json"
bench ping --conns 3 --json "$out/ping-3.json"
bench latency --n 30 --json "$out/latency-30.json"
bench throughput --conns 4 --n 27 --json "$out/throughput-4x27.json"
bench mixed --conns 1 --heavy 2 --n 30 --json "$out/mixed.json"
# The cluster's own figures, against the first target: the silo hop's cost (a gateway that sends even
# fib(1) to the silos) beside a bare HttpClient -> Kestrel h2c request (Bench serve-h2c), and what a
# second silo adds (a one-silo cluster of its own; 1 core each).
# Started only now: every idle Orleans process wakes for its timers, which costs the ping-pong runs above
# (measured: embedded ping 28.0k -> 22.9k req/s with seven idle cluster processes beside it).
if [[ -z ${ONLY:-} || $ONLY == cluster ]]; then
  start dotnet Gateway/bin/Release/net10.0/Gateway.dll "${quiet[@]}" --port 25105 --http-port 18105 --clustering redis:127.0.0.1:16390 --local-max-n -1
  start dotnet Silo/bin/Release/net10.0/Silo.dll "${quiet[@]}" "${cluster[@]}" --cluster-id one-silo --silo-port 12403 --gateway-port 12413 --http-port 18403 --workers 1
  start dotnet Gateway/bin/Release/net10.0/Gateway.dll "${quiet[@]}" --port 25106 --http-port 18106 --clustering redis:127.0.0.1:16390 --cluster-id one-silo
  start dotnet benchmarks/Bench/bin/Release/net10.0/Bench.dll serve-h2c --port 25107
  for port in 25105 25106 25107; do await_port "$port"; done
fi
hop=(-t embedded=127.0.0.1:25100 -t via-silo=127.0.0.1:25105 -t bare-h2c=h2c://127.0.0.1:25107)
scaling=(-t 1-silo=127.0.0.1:25106 -t 2-silos=127.0.0.1:25101)
cluster ping --conns 1 "${hop[@]}" --json "$out/cluster-hop.json"
cluster ping --conns 64 "${hop[@]}" --json "$out/cluster-hop-64.json"
cluster throughput --conns 4 --n 30 --cores 1 "${scaling[@]}" --json "$out/cluster-scaling.json"
# Last: 10 000 connections leave the Python servers struggling for a while. One round only: a second
# would start from the first one's memory.
if [[ -z ${ONLY:-} || $ONLY == conns ]]; then run 1 conns --count 10000 --pid "orleansfib=$embedded_pid" --pid "go=$go_pid" --json "$out/conns-10000.json" "${targets[@]}"; fi
