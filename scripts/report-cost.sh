#!/usr/bin/env bash
# A report's CPU cost on one silo at the national run's shape, a tenth of its size: one in-memory Release silo, the
# fleet simulator sending 3,250 nodes (26,000 GPUs) in 5 data centers, a report per node every 10 s with 4 samples a
# GPU and sample time at 4 × the clock (as scripts/soak.sh --national). It reads the silo's CPU time (/proc) and its
# accepted samples at 90 s and 150 s, and prints the silo's CPU-ms per report over that minute of steady state.
#
#   scripts/report-cost.sh [LABEL] [VAR=value ...]
#
# Each VAR=value is put in the silo's environment only (e.g. DOTNET_GCDynamicAdaptationMode=0), so runs of the same
# build with and without a setting compare; alternate them, since this machine's speed drifts by 10-20 % in an hour.
# SILO_DLL picks another build's Telemetry.Silo.dll. About 2.5 minutes a run.
set -euo pipefail
cd "$(dirname "$0")/.."

label=${1:-default}
[ $# -gt 0 ] && shift
for assignment in "$@"; do
  [[ "$assignment" == *=* ]] || { echo "not a VAR=value setting: $assignment" >&2; exit 2; }
done

silo_dll=${SILO_DLL:-src/Telemetry.Silo/bin/Release/net10.0/Telemetry.Silo.dll}
exporter_dll=src/Telemetry.Exporter/bin/Release/net10.0/telemetry-exporter.dll
out=$(mktemp -d)
if [ -z "${SILO_DLL:-}" ]; then
  dotnet build src/Telemetry.Silo -c Release -v q -nologo >"$out/build.txt" 2>&1 || { cat "$out/build.txt"; exit 1; }
fi
dotnet build src/Telemetry.Exporter -c Release -v q -nologo >>"$out/build.txt" 2>&1 || { cat "$out/build.txt"; exit 1; }
[ -f "$silo_dll" ] || { echo "SILO_DLL: no such file: $silo_dll" >&2; exit 2; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# Sample time starts 12 minutes behind the clock (--time-scale 4 over the simulator's 240 s): keep such nodes healthy.
env "$@" dotnet "$silo_dll" --urls "http://127.0.0.1:$port" --Logging:LogLevel:Default=Warning \
  --Telemetry:Nodes:MaxClockLag=0.00:13:15 >"$out/silo.txt" 2>&1 &
silo=$!
trap 'kill "$silo" 2>/dev/null || true; [ -n "${sim:-}" ] && kill "$sim" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$port/readyz" >/dev/null || { echo "the silo did not become ready; its log:" >&2; tail -n 20 "$out/silo.txt" >&2; exit 1; }

dotnet "$exporter_dll" simulate --server "http://127.0.0.1:$port" --datacenters 5 --nodes-per-datacenter 650 \
  --interval 10 --samples-per-report 4 --duration 240s --time-scale 4 --seed 1 --quiet --no-spool >"$out/simulator.txt" 2>&1 &
sim=$!

point() {
  local ticks samples rss
  ticks=$(awk '{print $14 + $15}' "/proc/$silo/stat")
  samples=$(curl -fs "http://127.0.0.1:$port/metrics" | awk '/^telemetry_ingest_samples_total/ {print $2}')
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$silo/status")
  echo "$ticks ${samples:-0} $rss"
}
echo "[$label] silo pid $silo; measuring from 90 s to 150 s ..." >&2
sleep 90; first=$(point)
sleep 60; second=$(point)

# shellcheck disable=SC2086
python3 - "$label" "$(getconf CLK_TCK)" $first $second <<'PY'
import sys
label, hz = sys.argv[1], float(sys.argv[2])
t0, s0, r0, t1, s1, r1 = map(float, sys.argv[3:9])
reports = (s1 - s0) / 32  # 8 GPUs x 4 samples a report
if reports <= 0:
    sys.exit(f"{label}: no report accepted between 90 s and 150 s; see the silo's log")
cpu = (t1 - t0) / hz
print(f"{label}: {reports:,.0f} reports in 60 s (325 a second asked), silo CPU {cpu:.1f} s, "
      f"{cpu * 1000 / reports:.3f} CPU-ms a report, RSS {r1 / 1024:,.0f} MiB")
PY
