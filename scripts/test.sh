#!/usr/bin/env bash
# Runs every test of the project on a fresh Debian 12 machine with the .NET 10 SDK.
# Installs what the tests need (as root, or through sudo), builds once in Release, runs each test
# project, and ends with one line: "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests use for real: Python and its MessagePack and Brotli modules run the
# independent wire-format client (tests/conformance); VictoriaMetrics and InfluxDB 1.x are the
# peers of the ingest benchmark's smoke run; redis-server holds the failover tests' cluster.
# chromium is the browser the dashboard tests drive through Playwright (never a downloaded one).
# systemd's systemd-analyze rates the exporter's unit (tests/Telemetry.Sink.Tests, DeployHardeningTests).
packages=(python3 python3-msgpack python3-brotli victoria-metrics influxdb redis-server chromium systemd)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing ${missing[*]} ..."
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" \
    || { echo "Could not install ${missing[*]}"; echo "0 passed, 1 failed"; exit 1; }
fi

# Node.js and npm run the OpenAPI lint; any recent Node will do, Debian's only when there is none.
if ! command -v npm >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing nodejs npm ..."
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm \
    || { echo "Could not install nodejs npm"; echo "0 passed, 1 failed"; exit 1; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results=$(mktemp -d)
echo "== build (Release)"
if ! dotnet build Telemetry.sln -c Release >"$results/build.txt" 2>&1; then
  tail -n 40 "$results/build.txt"
  echo "Build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build --blame-hang-timeout 10m \
    --logger "console;verbosity=minimal" --logger "trx;LogFileName=$results/$name.trx" >"$results/$name.log" 2>&1 || status=1
  grep -vE '^\s*$|warning NU1603' "$results/$name.log" | tail -n 40
done

# Counts come from each project's TRX report: <Counters total=".." passed=".." failed=".." ...>.
passed=0; failed=0
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  counters=$(grep -o '<Counters [^>]*>' "$results/$name.trx" 2>/dev/null | head -n 1)
  if [ -z "$counters" ]; then failed=$((failed + 1)); echo "$name produced no test report: it did not run."; continue; fi
  p=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters"); f=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")
  passed=$((passed + p)); failed=$((failed + f))
done
# The benchmark must keep working: a few-second run against the silo and both peers (docs/performance.md).
echo "== ingest benchmark smoke"
if dotnet tests/Telemetry.Benchmarks/bin/Release/net10.0/Telemetry.Benchmarks.dll ingest --smoke >"$results/smoke.log" 2>&1; then
  passed=$((passed + 1)); grep -E '^silo vs|^accepted GPU samples' "$results/smoke.log"
else
  failed=$((failed + 1)); tail -n 30 "$results/smoke.log"; echo "ingest benchmark smoke failed"
fi

# The memory benchmark must keep working: 10 nodes, a full hour of 10-second history, every report accepted by the
# silo and by VictoriaMetrics (its comparison of series creation).
echo "== memory benchmark smoke"
if dotnet tests/Telemetry.Benchmarks/bin/Release/net10.0/Telemetry.Benchmarks.dll memory --smoke --peers victoria-metrics >"$results/memory-smoke.log" 2>&1; then
  passed=$((passed + 1)); grep -E '^memory:|RSS above idle per GPU' "$results/memory-smoke.log"
else
  failed=$((failed + 1)); tail -n 30 "$results/memory-smoke.log"; echo "memory benchmark smoke failed"
fi

# The exporter's footprint: a trimmed publish without Orleans, Roslyn, Newtonsoft.Json or Humanizer, no trim warnings.
echo "== exporter publish check"
if scripts/check-exporter-publish.sh >"$results/exporter-publish.log" 2>&1; then
  passed=$((passed + 1)); grep -E '^exporter publish' "$results/exporter-publish.log"
else
  failed=$((failed + 1)); tail -n 30 "$results/exporter-publish.log"; echo "exporter publish check failed"
fi

# The OpenAPI document must lint clean with the pinned @redocly/cli (tools/openapi-lint, from npm).
echo "== OpenAPI lint"
if scripts/openapi-lint.sh >"$results/openapi-lint.log" 2>&1; then
  passed=$((passed + 1)); grep -E 'valid|warnings' "$results/openapi-lint.log"
else
  failed=$((failed + 1)); tail -n 40 "$results/openapi-lint.log"; echo "OpenAPI lint failed"
fi

# The trace replay must keep working: a few seconds of arrival-order packing of the Alibaba trace (docs/replay.md).
echo "== replay smoke"
traces=../shared/traces/alibaba-gpu-v2023
if dotnet src/Telemetry.Exporter/bin/Release/net10.0/telemetry-exporter.dll replay --policy first-fit --mode packing \
    --trace "$traces/openb_pod_list_default.csv" --nodes "$traces/openb_node_list_gpu_node.csv" --out "$results/replay" \
    >"$results/replay.log" 2>&1 && [ -s "$results/replay/summary.json" ]; then
  passed=$((passed + 1)); grep -E 'unallocated GPUs' "$results/replay.log"
else
  failed=$((failed + 1)); tail -n 30 "$results/replay.log"; echo "replay smoke failed"
fi

[ "$status" -eq 0 ] || [ "$failed" -gt 0 ] || failed=1
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
