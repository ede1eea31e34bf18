#!/usr/bin/env bash
# Runs one of the seed documents' fib servers on 127.0.0.1:PORT, in the foreground, so OrleansFib can
# be measured side by side with it (stop it with Ctrl-C or by its PID).
#   serve-seed.sh py-sync|py-threads-pool|py-coro-pool|go-sync|go-concurrent PORT
# Python servers run as the seeds give them (port and bind address substituted); the Go servers are
# built from the seed's synchronous.go (go-concurrent adds the seed's two letters: `go fibHandler`).
# The server and its pool processes run in their own process group; SIGINT/SIGTERM to this script
# stops the whole group.
set -eu
name=${1:?server name}; port=${2:?port}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
child=
cleanup() { [[ -n $child ]] && kill -TERM -- "-$child" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 0' INT TERM
serve() { setsid "$@" & child=$!; wait "$child"; }
py() { cp "$here/fib.py" "$work/"
       sed -E "s/\(\('(localhost)?', *25000\)\)/(('127.0.0.1', $port))/" "$here/$1" >"$work/server.py"
       cd "$work" && serve python3 server.py; }
gobuild() { command -v go >/dev/null || { echo "needs Go: apt-get install -y golang-go" >&2; exit 1; }
            cp "$here/go_sync.go" "$work/main.go"
            [[ $1 == concurrent ]] && sed -i 's/^\(\s*\)fibHandler(conn)/\1go fibHandler(conn)/' "$work/main.go"
            (cd "$work" && go build -o server main.go) && serve "$work/server" "127.0.0.1:$port"; }
case $name in
  py-sync) py py_sync.py ;;
  py-threads-pool) py py_threads_pool.py ;;
  py-coro-pool) py py_coro_pool.py ;;
  go-sync) gobuild sync ;;
  go-concurrent) gobuild concurrent ;;
  *) echo "unknown server $name" >&2; exit 2 ;;
esac
