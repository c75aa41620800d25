#!/usr/bin/env bash
# Soak test of the embedded silo: starts a Release silo on 127.0.0.1, drives it with the fleet simulator,
# and prints accepted samples/s with the silo's CPU and memory read from /proc.
#
#   scripts/soak.sh [--nodes N] [--datacenters N] [--interval S] [--samples-per-report S] [--duration 5m]
#
# Defaults: 1,000 nodes (8,000 GPUs) in 4 data centers, one report per second, 10 samples per GPU, 5 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

nodes=1000; dcs=4; interval=1; samples=10; duration=5m
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes=$2; shift 2 ;;
    --datacenters) dcs=$2; shift 2 ;;
    --interval) interval=$2; shift 2 ;;
    --samples-per-report) samples=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
out=$(mktemp -d)
echo "Building Release ..."
dotnet build src/Telemetry.Silo -c Release -v q -nologo >"$out/build.txt" 2>&1 || { cat "$out/build.txt"; exit 1; }
dotnet build src/Telemetry.Exporter -c Release -v q -nologo >>"$out/build.txt" 2>&1 || { cat "$out/build.txt"; exit 1; }

dotnet src/Telemetry.Silo/bin/Release/net10.0/Telemetry.Silo.dll --urls "http://127.0.0.1:$port" \
  --Logging:LogLevel:Default=Warning >"$out/silo.txt" 2>&1 &
silo=$!
trap 'kill $silo 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$port/readyz" >/dev/null || { echo "silo did not become ready"; cat "$out/silo.txt"; exit 1; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$silo/stat"; }
hz=$(getconf CLK_TCK)
before=$(cpu_ticks); start=$(date +%s.%N)
per_dc=$(( nodes / dcs ))
echo "Silo pid $silo on port $port; simulating $((per_dc * dcs)) nodes × 8 GPUs, interval ${interval}s, $samples samples/report, for $duration"
dotnet src/Telemetry.Exporter/bin/Release/net10.0/telemetry-exporter.dll simulate --server "http://127.0.0.1:$port" \
  --datacenters "$dcs" --nodes-per-datacenter "$per_dc" --interval "$interval" --samples-per-report "$samples" \
  --duration "$duration" --seed 1 2>&1 | tee "$out/simulator.txt"
sim_status=${PIPESTATUS[0]}
after=$(cpu_ticks); end=$(date +%s.%N)
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$silo/status"); hwm_kb=$(awk '/VmHWM/ {print $2}' "/proc/$silo/status")
samples_total=$(curl -fs "http://127.0.0.1:$port/metrics" | awk '/^telemetry_ingest_samples_total/ {print $2}')
rejected=$(curl -fs "http://127.0.0.1:$port/metrics" | awk '/^telemetry_ingest_rejected_total/ {s+=$2} END {print s+0}')
# The silo's own view of latency (request in to answer out), from its histogram: the bucket bound holding p50 and p99.
curl -fs "http://127.0.0.1:$port/metrics" | python3 -c '
import re, sys
buckets = [(float("inf") if m.group(1) == "+Inf" else float(m.group(1)), float(m.group(2)))
           for m in re.finditer(r"telemetry_ingest_duration_seconds_bucket\{le=\"([^\"]+)\"\} (\S+)", sys.stdin.read())]
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
