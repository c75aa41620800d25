#!/usr/bin/env bash
# A local cluster in one command: redis-server plus N silos on 127.0.0.1, Redis membership and storage.
#
#   scripts/cluster.sh start [--silos 3] [--redis-port 6380] [--http-port 5000] [--dir .cluster]
#   scripts/cluster.sh status | stop
#
# Silo i (from 0) serves HTTP on http-port + i, Orleans on 11111 + i and 30000 + i. Logs and Redis'
# append-only file live under --dir. Needs Debian's redis-server and the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")/.."

command=${1:-}; shift || true
silos=3; redis_port=6380; http_port=5000; dir=.cluster
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) silos=$2; shift 2 ;;
    --redis-port) redis_port=$2; shift 2 ;;
    --http-port) http_port=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

stop() {
  for pidfile in "$dir"/silo-*.pid "$dir"/redis.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"                                   # silos leave the cluster gracefully on SIGTERM
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    fi
    rm -f "$pidfile"
  done
}

case "$command" in
  start)
    command -v redis-server >/dev/null || { echo "redis-server is missing: apt-get install -y redis-server" >&2; exit 1; }
    echo "Building the silo (Release) ..."
    dotnet build src/Telemetry.Silo -c Release -v q -nologo >"$dir/build.log" 2>&1 || { tail -n 30 "$dir/build.log"; exit 1; }
    redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$dir" --appendonly yes --save "" \
      --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
    for _ in $(seq 1 50); do [ -s "$dir/redis.pid" ] && break; sleep 0.1; done
    for i in $(seq 0 $((silos - 1))); do
      nohup dotnet src/Telemetry.Silo/bin/Release/net10.0/Telemetry.Silo.dll \
        --urls "http://127.0.0.1:$((http_port + i))" \
        --Telemetry:Clustering:Provider=Redis --Telemetry:Storage:Provider=Redis \
        --Telemetry:Redis="127.0.0.1:$redis_port" \
        --Telemetry:Silo:SiloPort=$((11111 + i)) --Telemetry:Silo:GatewayPort=$((30000 + i)) \
        >"$dir/silo-$i.log" 2>&1 &
      echo $! >"$dir/silo-$i.pid"
    done
    for i in $(seq 0 $((silos - 1))); do
      url="http://127.0.0.1:$((http_port + i))"
      for _ in $(seq 1 150); do curl -fs "$url/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
      curl -fs "$url/readyz" >/dev/null || { echo "silo $i did not become ready; see $dir/silo-$i.log" >&2; stop; exit 1; }
      echo "silo $i ready: $url"
    done
    echo "Redis: 127.0.0.1:$redis_port. Feed it with:"
    echo "  dotnet run --project src/Telemetry.Exporter -- simulate $(for i in $(seq 0 $((silos - 1))); do printf -- '--server http://127.0.0.1:%s ' $((http_port + i)); done)"
    ;;
  status)
    for pidfile in "$dir"/silo-*.pid "$dir"/redis.pid; do
      [ -f "$pidfile" ] || continue
      name=$(basename "$pidfile" .pid); pid=$(cat "$pidfile")
      if kill -0 "$pid" 2>/dev/null; then echo "$name: running (pid $pid)"; else echo "$name: not running"; fi
    done
    ;;
  stop)
    stop
    echo "stopped"
    ;;
  *)
    echo "usage: scripts/cluster.sh start|status|stop [--silos N] [--redis-port P] [--http-port P] [--dir D]" >&2
    exit 2
    ;;
esac
