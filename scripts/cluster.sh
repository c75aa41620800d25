#!/usr/bin/env bash
# A local cluster in one command: redis-server plus N silos on 127.0.0.1, Redis membership and storage.
#
#   scripts/cluster.sh start [--silos 3] [--redis-port 6380] [--http-port 5000] [--dir .cluster]
#   scripts/cluster.sh status | stop
#
# Silo i (from 0) serves HTTP on http-port + i; its Orleans silo and gateway ports are the first free
# ones from 11111 and 30000 up (printed, and kept in --dir/silo-i.ports). Logs and Redis' append-only
# file live under --dir. Needs Debian's redis-server and the .NET SDK.
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

# Sets $port to the first port from $1 up that nothing on 127.0.0.1 accepts on and this start has not
# handed out already. A silo given a port taken meanwhile stops at start, naming it.
handed_out=" "
next_free_port() {
  port=$1
  while [ "$port" -lt 65535 ]; do
    if [[ "$handed_out" != *" $port "* ]] && ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      handed_out="$handed_out$port "
      return 0
    fi
    port=$((port + 1))
  done
  echo "no free port from $1 up" >&2
  exit 1
}

stop() {
  for pidfile in "$dir"/silo-*.pid "$dir"/redis.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"                                   # silos leave the cluster gracefully on SIGTERM
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    fi
    rm -f "$pidfile" "${pidfile%.pid}.ports"
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
    silo_port=11111; gateway_port=30000
    for i in $(seq 0 $((silos - 1))); do
      next_free_port "$silo_port"; silo_port=$port
      next_free_port "$gateway_port"; gateway_port=$port
      echo "silo_port=$silo_port gateway_port=$gateway_port" >"$dir/silo-$i.ports"
      nohup dotnet src/Telemetry.Silo/bin/Release/net10.0/Telemetry.Silo.dll \
        --urls "http://127.0.0.1:$((http_port + i))" \
        --Telemetry:Clustering:Provider=Redis --Telemetry:Storage:Provider=Redis \
        --Telemetry:Redis="127.0.0.1:$redis_port" \
        --Telemetry:Silo:SiloPort="$silo_port" --Telemetry:Silo:GatewayPort="$gateway_port" \
        >"$dir/silo-$i.log" 2>&1 &
      echo $! >"$dir/silo-$i.pid"
    done
    for i in $(seq 0 $((silos - 1))); do
      url="http://127.0.0.1:$((http_port + i))"
      for _ in $(seq 1 150); do
        curl -fs "$url/readyz" >/dev/null 2>&1 && break
        kill -0 "$(cat "$dir/silo-$i.pid")" 2>/dev/null || break   # it stopped at start: say why at once
        sleep 0.2
      done
      curl -fs "$url/readyz" >/dev/null || { echo "silo $i did not become ready; see $dir/silo-$i.log:" >&2; tail -n 5 "$dir/silo-$i.log" >&2; stop; exit 1; }
      echo "silo $i ready: $url (Orleans $(cat "$dir/silo-$i.ports"))"
    done
    echo "Redis: 127.0.0.1:$redis_port. Feed it with:"
    echo "  dotnet run --project src/Telemetry.Exporter -- simulate $(for i in $(seq 0 $((silos - 1))); do printf -- '--server http://127.0.0.1:%s ' $((http_port + i)); done)"
    ;;
  status)
    for pidfile in "$dir"/silo-*.pid "$dir"/redis.pid; do
      [ -f "$pidfile" ] || continue
      name=$(basename "$pidfile" .pid); pid=$(cat "$pidfile")
      ports=""; [ -f "$dir/$name.ports" ] && ports=", $(cat "$dir/$name.ports")"
      if kill -0 "$pid" 2>/dev/null; then echo "$name: running (pid $pid$ports)"; else echo "$name: not running"; fi
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
