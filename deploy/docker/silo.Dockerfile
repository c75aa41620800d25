# The silo: Orleans + ASP.NET Core. Build from the repository root:
#   docker build -f deploy/docker/silo.Dockerfile -t telemetry-silo .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Telemetry.Silo/Telemetry.Silo.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# HTTP (ingest, API, /metrics), Orleans silo-to-silo, Orleans gateway.
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080 11111 30000
ENTRYPOINT ["dotnet", "Telemetry.Silo.dll"]
