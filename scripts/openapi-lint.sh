#!/usr/bin/env bash
# Lints the silo's OpenAPI document with the pinned @redocly/cli (tools/openapi-lint): starts the built
# silo (Release) on free loopback ports, fetches /openapi/v1.json, stops it, and fails on any lint error.
#
#   scripts/openapi-lint.sh [--keep path/to/v1.json]
# Needs Node.js with npm, and `dotnet build Telemetry.sln -c Release` done.
set -euo pipefail
cd "$(dirname "$0")/.."
keep=""; [ "${1:-}" = "--keep" ] && keep=$2

tools=tools/openapi-lint
[ -x "$tools/node_modules/.bin/redocly" ] || (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)

# A free port between 20000 and 32000 (below Linux's ephemeral range): nothing accepts on it.
free_port() {
  while :; do
    p=$((20000 + RANDOM % 12000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
http=$(free_port); silo=$(free_port); gateway=$(free_port)
work=$(mktemp -d)
dotnet src/Telemetry.Silo/bin/Release/net10.0/Telemetry.Silo.dll --urls "http://127.0.0.1:$http" \
  --Telemetry:Silo:SiloPort="$silo" --Telemetry:Silo:GatewayPort="$gateway" --Logging:LogLevel:Default=Warning \
  >"$work/silo.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do
  curl -fs "http://127.0.0.1:$http/readyz" >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || break
  sleep 0.2
done
curl -fs "http://127.0.0.1:$http/openapi/v1.json" -o "$work/v1.json" || { echo "the silo did not serve /openapi/v1.json:"; tail -n 20 "$work/silo.log"; exit 1; }
[ -z "$keep" ] || cp "$work/v1.json" "$keep"
"$tools/node_modules/.bin/redocly" lint "$work/v1.json" --format=stylish
