#!/usr/bin/env bash
# Soak test: starts Release silos on 127.0.0.1, drives them with the fleet simulator, and prints accepted samples/s
# with the silos' CPU and memory read from /proc.
#
#   scripts/soak.sh [--nodes N] [--datacenters N] [--interval S] [--samples-per-report S] [--duration 5m]
#                   [--silos N] [--kill] [--recovery S] [--xid-rate R] [--time-scale K] [--smoke | --national]
#
# One silo (the default): the embedded silo, in memory; 1,000 nodes (8,000 GPUs) in 4 data centers, one report per
# second, 10 samples per GPU, 5 minutes.
# --silos N (2 or more): redis-server and N silos with Redis clustering and storage, as in production; the fleet
# totals, each silo's RSS and Redis are watched (scripts/soak-monitor.py). With --kill the last silo is killed
# (SIGKILL) once --duration has run, the load goes on, and the run measures how long until every node's reports are
# accepted again and the fleet totals are whole again, and whether any unhealthy (sticky) verdict was lost.
# --smoke: 3 silos, 300 nodes in 3 data centers reporting every 10 s, 40 s then the kill, 60 s to recover.
# --national: 3 silos, 32,500 nodes (260,000 GPUs) in 5 data centers reporting every 10 s, 15 minutes then the kill;
# sample time runs 4 × the clock (--time-scale 4) with 4 samples a report, so the 15 minutes send an hour of samples
# at one sample per GPU per 10 s of sample time (104,000 samples/s) and every GPU holds a full hour of history.
# --time-scale K: sample time runs K × the clock, starting (K − 1) × the simulator's run in the past, so it meets the
# clock as the simulator stops (telemetry-exporter simulate --time-scale).
set -euo pipefail
cd "$(dirname "$0")/.."

nodes=1000; dcs=4; interval=1; samples=10; duration=5m; silos=1; kill=false; recovery=120; xid_rate=2e-5; time_scale=1
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes=$2; shift 2 ;;
    --datacenters) dcs=$2; shift 2 ;;
    --interval) interval=$2; shift 2 ;;
    --samples-per-report) samples=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --silos) silos=$2; shift 2 ;;
    --kill) kill=true; shift ;;
    --recovery) recovery=$2; shift 2 ;;
    --xid-rate) xid_rate=$2; shift 2 ;;
    --time-scale) time_scale=$2; shift 2 ;;
    --smoke) silos=3; nodes=300; dcs=3; interval=10; samples=10; duration=40s; kill=true; recovery=60; xid_rate=2; shift ;;
    --national) silos=3; nodes=32500; dcs=5; interval=10; samples=4; time_scale=4; duration=15m; kill=true; recovery=120; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ "$silos" -ge 1 ] || { echo "--silos must be at least 1" >&2; exit 2; }
[ "$kill" = false ] || [ "$silos" -ge 2 ] || { echo "--kill needs --silos 2 or more" >&2; exit 2; }
[ $((nodes / dcs)) -ge 1 ] || { echo "--nodes must be at least --datacenters" >&2; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
seconds() { python3 -c 'import re,sys; m=re.fullmatch(r"(\d+(?:\.\d+)?)([smh]?)", sys.argv[1]) or sys.exit("bad duration "+sys.argv[1]); print(int(float(m[1])*{"":1,"s":1,"m":60,"h":3600}[m[2]]))' "$1"; }
out=$(mktemp -d)
echo "Building Release ..."
dotnet build src/Telemetry.Silo -c Release -v q -nologo >"$out/build.txt" 2>&1 || { cat "$out/build.txt"; exit 1; }
dotnet build src/Telemetry.Exporter -c Release -v q -nologo >>"$out/build.txt" 2>&1 || { cat "$out/build.txt"; exit 1; }
silo_dll=src/Telemetry.Silo/bin/Release/net10.0/Telemetry.Silo.dll
exporter_dll=src/Telemetry.Exporter/bin/Release/net10.0/telemetry-exporter.dll
per_dc=$(( nodes / dcs ))
nodes=$(( per_dc * dcs ))

wait_ready() {
  for _ in $(seq 1 300); do curl -fs "$1/readyz" >/dev/null 2>&1 && return 0; kill -0 "$2" 2>/dev/null || break; sleep 0.2; done
  echo "silo $1 did not become ready; its log:" >&2; tail -n 20 "$3" >&2; exit 1
}

# Sample time behind the clock by design (--time-scale) is not an exporter's clock lagging: keep such nodes healthy.
# SOAK_SILO_ARGS adds settings of the operator's own (e.g. "--Telemetry:Nodes:CheckPeriod=00:00:05").
read -r -a silo_args <<<"${SOAK_SILO_ARGS:-}"
if [ "$time_scale" != 1 ]; then
  sim_s=$(( $(seconds "$duration") + 5 )); [ "$kill" = false ] || sim_s=$((sim_s + recovery))
  silo_args+=("--Telemetry:Nodes:MaxClockLag=$(python3 -c 'import sys; s = int((float(sys.argv[1]) - 1) * int(sys.argv[2])) + 60; print(f"{s // 86400}.{s % 86400 // 3600:02}:{s % 3600 // 60:02}:{s % 60:02}")' "$time_scale" "$sim_s")")
fi

if [ "$silos" -ge 2 ]; then
  command -v redis-server >/dev/null || { echo "redis-server is missing: apt-get install -y redis-server" >&2; exit 1; }
  redis_port=$(free_port)
  redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$out" --appendonly yes --save "" \
    --daemonize yes --pidfile "$out/redis.pid" --logfile "$out/redis.log"
  pids=(); urls=()
  trap 'for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true' EXIT
  for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  for i in $(seq 0 $((silos - 1))); do
    url="http://127.0.0.1:$(free_port)"
    dotnet "$silo_dll" --urls "$url" --Logging:LogLevel:Default=Warning \
      --Telemetry:Clustering:Provider=Redis --Telemetry:Storage:Provider=Redis --Telemetry:Redis="127.0.0.1:$redis_port" \
      --Telemetry:Silo:SiloPort="$(free_port)" --Telemetry:Silo:GatewayPort="$(free_port)" "${silo_args[@]}" >"$out/silo-$i.txt" 2>&1 &
    pids+=($!); urls+=("$url")
    wait_ready "$url" "$!" "$out/silo-$i.txt"   # one at a time: the first creates the cluster's rows
  done
  run_s=$(seconds "$duration")
  end_s=$run_s; kill_at=-1
  if [ "$kill" = true ]; then kill_at=$run_s; end_s=$((run_s + recovery)); fi
  servers=(); for u in "${urls[@]}"; do servers+=(--server "$u"); done
  names=$(for i in $(seq 1 "$dcs"); do printf 'dc%s ' "$i"; done)
  echo "Silos ${urls[*]} (pids ${pids[*]}), Redis on $redis_port; simulating $nodes nodes × 8 GPUs in $dcs data centers, interval ${interval}s, $samples samples/report, sample time ×$time_scale, for ${run_s}s$([ "$kill" = true ] && echo ", then kill -9 of the last silo and ${recovery}s more")"
  dotnet "$exporter_dll" simulate "${servers[@]}" --datacenters "$dcs" --nodes-per-datacenter "$per_dc" \
    --interval "$interval" --samples-per-report "$samples" --duration "$((end_s + 5))s" --xid-rate "$xid_rate" \
    --time-scale "$time_scale" --seed 1 --quiet --no-spool >"$out/simulator.txt" 2>&1 &
  sim=$!
  # Sampled while it runs: once it has exited, /proc no longer has its CPU time.
  ( while kill -0 "$sim" 2>/dev/null; do awk '{print $14 + $15}' "/proc/$sim/stat" >"$out/sim-ticks.tmp" 2>/dev/null \
      && mv "$out/sim-ticks.tmp" "$out/sim-ticks"; sleep 1; done ) &
  sim_cpu_ticks() { cat "$out/sim-ticks" 2>/dev/null || echo 0; }
  # shellcheck disable=SC2086
  status=0
  python3 scripts/soak-monitor.py --urls "${urls[@]}" --pids "${pids[@]}" --redis-port "$redis_port" \
    --nodes "$nodes" --gpus "$((nodes * 8))" --datacenters $names --kill-at "$kill_at" --recovery "$recovery" \
    --end-at "$end_s" || status=$?
  wait "$sim" || status=1
  sim_ticks=$(sim_cpu_ticks)
  echo "simulator: $(tail -n 4 "$out/simulator.txt" | tr '\n' ' ')"
  echo "simulator CPU: $(python3 -c "print(f'{$sim_ticks / $(getconf CLK_TCK):.0f} s')") (the load generator's own cost, on the same cores)"
  echo "logs: $out"
  exit "$status"
fi

port=$(free_port)
dotnet "$silo_dll" --urls "http://127.0.0.1:$port" \
  --Logging:LogLevel:Default=Warning "${silo_args[@]}" >"$out/silo.txt" 2>&1 &
silo=$!
trap 'kill $silo 2>/dev/null || true' EXIT
wait_ready "http://127.0.0.1:$port" "$silo" "$out/silo.txt"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$silo/stat"; }
hz=$(getconf CLK_TCK)
before=$(cpu_ticks); start=$(date +%s.%N)
echo "Silo pid $silo on port $port; simulating $nodes nodes × 8 GPUs, interval ${interval}s, $samples samples/report, for $duration"
dotnet "$exporter_dll" simulate --server "http://127.0.0.1:$port" \
  --datacenters "$dcs" --nodes-per-datacenter "$per_dc" --interval "$interval" --samples-per-report "$samples" \
  --duration "$duration" --time-scale "$time_scale" --seed 1 2>&1 | tee "$out/simulator.txt"
sim_status=${PIPESTATUS[0]}
after=$(cpu_ticks); end=$(date +%s.%N)
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$silo/status"); hwm_kb=$(awk '/VmHWM/ {print $2}' "/proc/$silo/status")
samples_total=$(curl -fs "http://127.0.0.1:$port/metrics" | awk '/^telemetry_ingest_samples_total/ {print $2}')
rejected=$(curl -fs "http://127.0.0.1:$port/metrics" | awk '/^telemetry_ingest_rejected_total/ {s+=$2} END {print s+0}')
# The silo's own view of latency (request in to answer out), from its histogram: the bucket bound holding p50 and p99.
curl -fs "http://127.0.0.1:$port/metrics" | python3 -c '
import re, sys
buckets = [(float("inf") if m.group(1) == "+Inf" else float(m.group(1)), float(m.group(2)))
           for m in re.finditer(r"telemetry_ingest_duration_seconds_bucket\{[^}]*le=\"([^\"]+)\"[^}]*\} (\S+)", sys.stdin.read())]
total = buckets[-1][1]
bound = lambda q: next(le for le, n in buckets if n >= q * total)
print(f"silo-side latency: p50 <= {bound(0.5)*1000:g} ms, p99 <= {bound(0.99)*1000:g} ms over {total:,.0f} requests")'

python3 - "$before" "$after" "$hz" "$start" "$end" "$rss_kb" "$hwm_kb" "$samples_total" "$rejected" "$((per_dc * dcs * 8))" <<'PY'
import sys
b, a, hz, s, e, rss, hwm, samples, rejected, gpus = sys.argv[1:]
cpu = (float(a) - float(b)) / float(hz); wall = float(e) - float(s); samples = float(samples)
print(f"silo: {samples/wall:,.0f} samples/s accepted over {wall:.0f} s; CPU {cpu:.1f} s = {cpu/wall:.2f} cores "
      f"({cpu/samples*1e6:.2f} CPU-s per million samples); RSS {int(rss)/1024:.0f} MiB (peak {int(hwm)/1024:.0f} MiB, "
      f"{int(hwm)*1024/int(gpus)/1024:.1f} KiB per GPU); rejected bodies {rejected}")
PY
exit "$sim_status"
