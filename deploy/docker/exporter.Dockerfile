# The exporter CLI (telemetry-exporter: run, simulate, token). Build from the repository root:
#   docker build -f deploy/docker/exporter.Dockerfile -t telemetry-exporter .
# Trimmed and self-contained, so it needs only runtime-deps (no .NET runtime, no ASP.NET Core), and runs as a
# non-root user; NVML needs the NVIDIA container toolkit's /dev/nvidia* and libnvidia-ml.so.1.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Telemetry.Exporter/Telemetry.Exporter.csproj -c Release -r linux-x64 --self-contained -p:PublishTrimmed=true -o /app

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0
WORKDIR /app
COPY --from=build /app .
# The deploy files spool to /var/lib/telemetry-exporter: the image's unprivileged user (uid 1654) owns it, so a
# fresh named volume there is writable.
RUN mkdir -p /var/lib/telemetry-exporter && chown "$APP_UID" /var/lib/telemetry-exporter
USER $APP_UID
ENTRYPOINT ["/app/telemetry-exporter"]
CMD ["--help"]
