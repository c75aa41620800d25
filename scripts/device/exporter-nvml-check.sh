#!/usr/bin/env bash
# Device check of the exporter's nvml source on a machine with NVIDIA GPUs: builds the silo (and with it the
# exporter), starts one silo on loopback, collects from every GPU through NVML for 10 s, and checks through the
# API that each GPU's values are sane. Prints the values it checked; exits non-zero on the first insane one.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${OUT:-$(mktemp -d)}
port=${PORT:-25080}

dotnet build src/Telemetry.Silo -c Release -v quiet -nologo | tail -n 3
bin=src/Telemetry.Silo/bin/Release/net10.0
"$bin/Telemetry.Silo" --urls "http://127.0.0.1:$port" --Telemetry:Silo:SiloPort=$((port + 1)) \
  --Telemetry:Silo:GatewayPort=$((port + 2)) --Logging:LogLevel:Default=Warning > "$out/silo.log" 2>&1 &
silo=$!
trap 'kill "$silo" 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/api/v1/fleet" > /dev/null && break; sleep 1; done

nvidia-smi --query-gpu=index,uuid,name,power.draw,temperature.gpu,memory.total --format=csv | tee "$out/nvidia-smi.csv" || true
src/Telemetry.Exporter/bin/Release/net10.0/telemetry-exporter run --source nvml --node-id devcheck/gpu-node \
  --server "http://127.0.0.1:$port" --sample-hz 10 --report-every 1 --duration 10s --no-spool 2>&1 | tee "$out/exporter.log"

curl -sf "http://127.0.0.1:$port/api/v1/nodes/devcheck/gpu-node" > "$out/node.json"
python3 - "$port" "$out" <<'PY'
import json, sys, urllib.request
port, out = sys.argv[1], sys.argv[2]
node = json.load(open(f"{out}/node.json"))
assert node["gpus"], "no GPU reached the silo"
sane = {"gpu_util_pct": (0, 100), "mem_copy_util_pct": (0, 100), "fb_total_mib": (1_000, 1_000_000),
        "fb_used_mib": (0, 1_000_000), "gpu_temp_c": (10, 105), "power_w": (5, 2_000),
        "power_limit_w": (50, 2_000), "sm_clock_mhz": (1, 5_000), "mem_clock_mhz": (1, 20_000)}
for brief in node["gpus"]:
    gpu = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/gpus/{brief['uuid']}"))
    last = gpu["last"]
    print(gpu["uuid"], gpu["model"], "samples", gpu["samples"], json.dumps(last, sort_keys=True))
    assert gpu["uuid"].startswith("GPU-"), gpu["uuid"]
    assert gpu["samples"] >= 50, f"only {gpu['samples']} samples in 10 s at 10 Hz"
    for field, (low, high) in sane.items():
        assert field in last and low <= last[field] <= high, f"{field} = {last.get(field)} outside {low}..{high}"
print("nvml device check: every GPU sane")
PY
