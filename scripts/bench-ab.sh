#!/usr/bin/env bash
# The A/B of two gateway builds, side by side in one run: this working tree against another commit.
#   scripts/bench-ab.sh COMMIT [OUT_DIR]      (default OUT_DIR: bench-results/ab)
# First what each costs as a process (scripts/process-cost.py: CPU to the first fib(30), CPU in the
# 30 idle seconds after, RSS; twice each, alternating), then every ping-pong and fib workload of Bench
# against both embedded gateways, interleaved rounds (ROUNDS, default 3; DURATION, default 5; IDLE,
# the idle seconds measured, default 30).
# COMMIT is exported with git archive into OUT_DIR and built there. Everything listens on 127.0.0.1
# and is stopped by PID.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
commit=${1:?usage: bench-ab.sh COMMIT [OUT_DIR]}
out=${2:-$root/bench-results/ab}
rounds=${ROUNDS:-3}
duration=${DURATION:-5}
idle=${IDLE:-30}
cd "$root"
base=$out/base-$(git rev-parse --short "$commit")
if [[ ! -d $base ]]; then mkdir -p "$base" && git archive "$commit" | tar -x -C "$base"; fi
dotnet build "$base/Gateway" -c Release -nologo -v quiet
for project in Gateway benchmarks/Bench; do dotnet build "$project" -c Release -nologo -v quiet; done
new_dll=Gateway/bin/Release/net10.0/Gateway.dll
base_dll=$base/Gateway/bin/Release/net10.0/Gateway.dll
quiet=(--address 127.0.0.1 --Logging:LogLevel:Default=Warning)

echo "# process cost (new, then base, twice)"
for _ in 1 2; do
  echo -n "new:  "; python3 scripts/process-cost.py 25120 --idle "$idle" -- dotnet "$new_dll" "${quiet[@]}" --port 25120 --http-port 18120
  echo -n "base: "; python3 scripts/process-cost.py 25120 --idle "$idle" -- dotnet "$base_dll" "${quiet[@]}" --port 25120 --http-port 18120
done

pids=()
trap 'for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait' EXIT
dotnet "$new_dll" "${quiet[@]}" --port 25121 --http-port 18121 --silo-port 12421 >/dev/null 2>&1 & pids+=($!)
dotnet "$base_dll" "${quiet[@]}" --port 25122 --http-port 18122 --silo-port 12422 >/dev/null 2>&1 & pids+=($!)
for port in 25121 25122; do
  for _ in $(seq 1 300); do [[ $(printf '30\n' | timeout 2 nc -N 127.0.0.1 "$port" 2>/dev/null) == 832040 ]] && break; sleep 0.2; done
done
targets=(-t new=127.0.0.1:25121 -t base=127.0.0.1:25122)
bench() { dotnet benchmarks/Bench/bin/Release/net10.0/Bench.dll "$@" "${targets[@]}" --rounds "$rounds" --duration "$duration"; }
bench ping --conns 1 --json "$out/ping-1.json"
bench ping --conns 3 --json "$out/ping-3.json"
bench latency --n 30 --json "$out/latency-30.json"
bench throughput --conns 4 --n 27 --json "$out/throughput-4x27.json"
bench mixed --conns 1 --heavy 2 --n 30 --json "$out/mixed.json"
