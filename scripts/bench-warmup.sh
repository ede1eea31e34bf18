#!/usr/bin/env bash
# Does fib(30)'s speed depend on what a process served first? For each warm-up (none, fib(1) pings,
# fib(30)) and each processor count (the machine's, and 1 as a one-core silo pod runs), a fresh
# embedded gateway serves the warm-up, then Bench measures fib(30) latency on it.
#   scripts/bench-warmup.sh            (WARMUP=seconds of warm-up, default 5)
# Everything listens on 127.0.0.1 and is stopped by PID.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
warmup=${WARMUP:-5}
for project in Gateway benchmarks/Bench; do dotnet build "$project" -c Release -nologo -v quiet; done
bench() { dotnet benchmarks/Bench/bin/Release/net10.0/Bench.dll "$@" -t gateway=127.0.0.1:25790 --timeout 5; }
await_port() { for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done; echo "nothing listens on $1" >&2; exit 1; }

gateway=
trap '[[ -n $gateway ]] && kill "$gateway" 2>/dev/null; true' EXIT
printf '%-12s %-10s %s\n' processors warm-up 'fib(30) p50 ms'
for processors in "$(nproc)" 1; do
  for first in none fib1 fib30; do
    DOTNET_PROCESSOR_COUNT=$processors dotnet Gateway/bin/Release/net10.0/Gateway.dll --address 127.0.0.1 --port 25790 --http-port 0 \
      --silo-port 12790 --Logging:LogLevel:Default=Warning >/dev/null 2>&1 &
    gateway=$!
    await_port 25790
    case $first in
      fib1) bench ping --duration "$warmup" --warmup 0 >/dev/null ;;
      fib30) bench latency --n 30 --duration "$warmup" --warmup 0 >/dev/null ;;
    esac
    p50=$(bench latency --n 30 --duration 3 --warmup 0.5 | grep -E '^│ p50' | grep -oE '[0-9]+\.[0-9]+' | head -1)
    printf '%-12s %-10s %s\n' "$processors" "$first" "$p50"
    kill "$gateway"; wait "$gateway" || true
  done
done
