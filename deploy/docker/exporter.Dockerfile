# The exporter CLI (telemetry-exporter: run, simulate, token). Build from the repository root:
#   docker build -f deploy/docker/exporter.Dockerfile -t telemetry-exporter .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Telemetry.Exporter/Telemetry.Exporter.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENTRYPOINT ["dotnet", "telemetry-exporter.dll"]
CMD ["--help"]
