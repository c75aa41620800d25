#!/usr/bin/env bash
# The exporter runs on every GPU node: its trimmed, self-contained publish must carry nothing of the cluster's
# (Orleans), of the compiler's (Roslyn), Newtonsoft.Json or Humanizer, and the trimmer must not warn (a warning
# means code that may break once trimmed). Prints the size and file count; exits non-zero with the reason.
# Usage: scripts/check-exporter-publish.sh [runtime-id]   (default linux-x64)
set -uo pipefail
cd "$(dirname "$0")/.."
rid=${1:-linux-x64}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

if ! dotnet publish src/Telemetry.Exporter/Telemetry.Exporter.csproj -c Release -r "$rid" --self-contained \
    -p:PublishTrimmed=true -o "$out/app" -nologo >"$out/publish.log" 2>&1; then
  grep -E 'error|warning IL' "$out/publish.log" | grep -v NU1603 | sort -u | tail -n 20
  echo "check-exporter-publish: dotnet publish failed (log above)"
  exit 1
fi

status=0
trim=$(grep -E '(warning|error) IL[0-9]{4}' "$out/publish.log" | sort -u)
if [ -n "$trim" ]; then
  echo "$trim"
  echo "check-exporter-publish: the trimmed publish has trim warnings (above)"
  status=1
fi

forbidden=$(cd "$out/app" && ls | grep -E '^(Orleans|Microsoft\.Orleans|Microsoft\.CodeAnalysis|Newtonsoft\.Json|Humanizer)' || true)
if [ -n "$forbidden" ]; then
  echo "$forbidden"
  echo "check-exporter-publish: the exporter's publish carries assemblies it must not (above)"
  status=1
fi

files=$(find "$out/app" -type f | wc -l)
bytes=$(du -sb "$out/app" | cut -f1)
echo "exporter publish ($rid, trimmed, self-contained): $(awk -v b="$bytes" 'BEGIN { printf "%.1f MiB", b / 1048576 }') in $files files"
[ "$status" -eq 0 ] && echo "check-exporter-publish: ok"
exit "$status"
