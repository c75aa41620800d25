using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Telemetry.Exporter.Cli;
using Telemetry.Silo.Hosting;
using Telemetry.Silo.Sink;

namespace Telemetry.Sink.Tests;

/// <summary>The deploy/ files parse and name only images, ports, commands and settings the project really has.</summary>
public partial class DeployTests
{
    private const int HttpPort = 8080;
    private const string SiloImage = "telemetry-silo:latest";
    private const string ExporterImage = "telemetry-exporter:latest";
    private static readonly string[] ThirdPartyImages = ["redis:7", "influxdb:2", "grafana/grafana:11"];

    public static TheoryData<string> YamlFiles() => [.. RepositoryFiles.Under("deploy", "*.yml").Concat(RepositoryFiles.Under("deploy", "*.yaml")).Select(f => Path.GetRelativePath(RepositoryFiles.Root, f))];

    [Theory]
    [MemberData(nameof(YamlFiles))]
    public void Yaml_Parses_AndEveryImageIsTheProjectsOrAKnownServer(string file)
    {
        var documents = YamlFile.Load(Path.Combine(RepositoryFiles.Root, file));
        Assert.NotEmpty(documents);
        foreach (var image in documents.SelectMany(d => YamlFile.Find(d, "image")).Cast<string>())
        {
            Assert.True(image is SiloImage or ExporterImage || ThirdPartyImages.Any(i => image.StartsWith(i, StringComparison.Ordinal)), $"{file}: unknown image {image}");
        }
    }

    [Theory]
    [MemberData(nameof(YamlFiles))]
    public void Yaml_EverySiloSetting_IsAKeyTheSiloReads(string file)
    {
        foreach (var name in Environments(file).SelectMany(e => e.Keys).Where(IsSiloSetting))
        {
            Assert.True(ConfigurationKeys.All.Contains(ConfigurationKeys.FromEnvironment(name)), $"{file}: {name} is not a setting of the silo");
        }
    }

    [Fact]
    public void ClusterKeys_EachIsReadAndValidatedByClusterSettings()
    {
        foreach (var key in ConfigurationKeys.Cluster)
        {
            // A Redis connection string with no endpoint; for every other key, a value outside what it takes.
            var value = key == ClusterSettings.RedisKey ? "," : "not valid here !";
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
            var error = Record.Exception(() => ClusterSettings.Read(configuration));
            Assert.True(error is SettingException, $"{key}: {error?.Message ?? "accepted"}");
            Assert.Contains(key, error!.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("deploy/docker-compose.yml")]
    [InlineData("deploy/kubernetes/silo.yaml")]
    public void SiloSettings_PassTheSilosOwnValidation(string file)
    {
        var environments = Environments(file).Where(e => e.ContainsKey("Telemetry__Influx__Url")).ToList();
        Assert.NotEmpty(environments);
        foreach (var environment in environments)
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(environment.Where(e => IsSiloSetting(e.Key)).Select(e => KeyValuePair.Create(ConfigurationKeys.FromEnvironment(e.Key), (string?)e.Value)))
                .Build();
            var cluster = ClusterSettings.Read(configuration);
            Assert.True(cluster.UsesRedisClustering && cluster.IsDurable, $"{file}: silos must cluster and keep state in Redis");

            var influx = configuration.GetSection(InfluxOptions.Section).Get<InfluxOptions>()!;
            var result = new InfluxOptionsValidator().Validate(null, influx);
            Assert.True(result.Succeeded, $"{file}: {result.FailureMessage}");
            Assert.Equal($"http://+:{HttpPort}", environment["ASPNETCORE_URLS"]);
        }
    }

    [Fact]
    public void Compose_SilosInfluxAndGrafana_AgreeOnPortsAddressesAndPaths()
    {
        var compose = YamlFile.Load(Path.Combine(RepositoryFiles.Root, "deploy/docker-compose.yml")).Single();
        var services = YamlFile.Map(compose, "services");
        Assert.Equal(["grafana", "influxdb", "redis", "silo1", "silo2", "silo3", "simulator"], services.Keys.Order(StringComparer.Ordinal));

        foreach (var silo in new[] { "silo1", "silo2", "silo3" })
        {
            var service = Assert.IsType<Dictionary<string, object?>>(services[silo]);
            Assert.Equal(SiloImage, service["image"]);
            Assert.All(YamlFile.Strings(service["ports"]), p => Assert.EndsWith($":{HttpPort}", p, StringComparison.Ordinal));
            var environment = YamlFile.Map(service, "environment");
            var address = YamlFile.Map(YamlFile.Map(service, "networks"), "telemetry")["ipv4_address"];
            Assert.Equal(address, environment["Telemetry__Silo__AdvertisedIp"]);
            Assert.Equal("http://influxdb:8086", environment["Telemetry__Influx__Url"]);
            Assert.Equal("redis:6379", environment["Telemetry__Redis"]);
            AssertBuiltFrom(service, "deploy/docker/silo.Dockerfile");
        }

        var influx = YamlFile.Map(services["influxdb"], "environment");
        var silo1 = YamlFile.Map(services["silo1"], "environment");
        Assert.Equal(silo1["Telemetry__Influx__Org"], influx["DOCKER_INFLUXDB_INIT_ORG"]);
        Assert.Equal(silo1["Telemetry__Influx__Bucket"], influx["DOCKER_INFLUXDB_INIT_BUCKET"]);
        Assert.Equal(silo1["Telemetry__Influx__Token"], influx["DOCKER_INFLUXDB_INIT_ADMIN_TOKEN"]);
        Assert.Contains("8086:8086", YamlFile.Strings(((Dictionary<string, object?>)services["influxdb"]!)["ports"]));

        var grafanaVolumes = YamlFile.Strings(((Dictionary<string, object?>)services["grafana"]!)["volumes"]);
        var provider = YamlFile.Load(Path.Combine(RepositoryFiles.Root, "deploy/grafana/provisioning/dashboards/dashboards.yml")).Single();
        var dashboardsPath = (string)YamlFile.Find(provider, "path").Single()!;
        Assert.Contains($"../dashboards:{dashboardsPath}:ro", grafanaVolumes);
        Assert.Contains("./grafana/provisioning:/etc/grafana/provisioning:ro", grafanaVolumes);

        var datasource = YamlFile.Load(Path.Combine(RepositoryFiles.Root, "deploy/grafana/provisioning/datasources/influxdb.yml")).Single();
        Assert.Equal(["http://influxdb:8086"], YamlFile.Find(datasource, "url"));
        Assert.Equal(["Flux"], YamlFile.Find(datasource, "version"));
        Assert.Equal([silo1["Telemetry__Influx__Bucket"]], YamlFile.Find(datasource, "defaultBucket"));
        AssertBuiltFrom((Dictionary<string, object?>)services["simulator"]!, "deploy/docker/exporter.Dockerfile");
    }

    [Theory]
    [InlineData("deploy/docker-compose.yml", "command")]
    [InlineData("deploy/kubernetes/exporter-daemonset.yaml", "args")]
    public void ExporterCommands_ParseWithTheExportersOwnCommandLine(string file, string key)
    {
        var commands = YamlFile.Load(Path.Combine(RepositoryFiles.Root, file)).SelectMany(d => YamlFile.Find(d, key)).OfType<List<object?>>()
            .Select(YamlFile.Strings).Where(c => c[0] is "simulate" or "run").ToList();
        Assert.NotEmpty(commands);
        foreach (var command in commands)
        {
            // Kubernetes expands $(NODE_NAME) before the exporter sees it.
            var args = command.Skip(1).Select(a => a.Replace("$(NODE_NAME)", "gpu-node-7", StringComparison.Ordinal)).ToArray();
            var parsed = (command[0] == "run" ? RunCommand.Create() : SimulateCommand.Create()).Parse(args);
            Assert.True(parsed.Errors.Count == 0, $"{file}: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
            var servers = args.SkipWhile(a => a != "--server").Skip(1).First();
            Assert.All(servers.Split(','), s => Assert.True(Uri.TryCreate(s, UriKind.Absolute, out _), s));
        }
    }

    [Fact]
    public void Kubernetes_SiloPorts_AreTheOnesItsSettingsName()
    {
        var documents = YamlFile.Load(Path.Combine(RepositoryFiles.Root, "deploy/kubernetes/silo.yaml"));
        var settings = YamlFile.Map(documents.Single(d => (string?)d["kind"] == "ConfigMap"), "data");
        var ports = YamlFile.Find(documents.Single(d => (string?)d["kind"] == "StatefulSet"), "containerPort").Cast<string>().ToHashSet();
        Assert.Equal([HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), (string)settings["Telemetry__Silo__SiloPort"]!, (string)settings["Telemetry__Silo__GatewayPort"]!], ports);
        Assert.Equal(["/readyz", "/healthz"], documents.SelectMany(d => YamlFile.Find(d, "path")).Cast<string>());
    }

    [Theory]
    [InlineData("deploy/docker/silo.Dockerfile", "src/Telemetry.Silo/Telemetry.Silo.csproj", "Telemetry.Silo.dll")]
    public void Dockerfile_BuildsWithSdk10RunsOnAspNet10AndStartsTheProjectsAssembly(string file, string project, string assembly)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryFiles.Root, file));
        Assert.Matches(FromSdk(), text);
        Assert.Matches(FromAspNet(), text);
        Assert.Contains($"dotnet publish {project}", text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(RepositoryFiles.Root, project)), project);
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"{assembly}\"]", text, StringComparison.Ordinal);

        // The assembly name is the project's: its AssemblyName, or else its file name.
        var csproj = File.ReadAllText(Path.Combine(RepositoryFiles.Root, project));
        var name = AssemblyNamePattern().Match(csproj) is { Success: true } m ? m.Groups[1].Value : Path.GetFileNameWithoutExtension(project);
        Assert.Equal(assembly, name + ".dll");
    }

    [Fact]
    public void ExporterDockerfile_PublishesTrimmedOnRuntimeDeps_AsANonRootUser()
    {
        const string Project = "src/Telemetry.Exporter/Telemetry.Exporter.csproj";
        var text = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "deploy/docker/exporter.Dockerfile"));
        Assert.Matches(FromSdk(), text);
        Assert.Matches(FromRuntimeDeps(), text);
        Assert.Contains($"dotnet publish {Project} -c Release -r linux-x64 --self-contained -p:PublishTrimmed=true -o /app", text, StringComparison.Ordinal);
        Assert.Matches(NonRootUser(), text);

        // A self-contained publish starts through the apphost, named after the project's AssemblyName.
        var name = AssemblyNamePattern().Match(File.ReadAllText(Path.Combine(RepositoryFiles.Root, Project))).Groups[1].Value;
        Assert.Contains($"ENTRYPOINT [\"/app/{name}\"]", text, StringComparison.Ordinal);
    }

    private static bool IsSiloSetting(string name) =>
        name.StartsWith("Telemetry__", StringComparison.Ordinal) || name.StartsWith("Ingest__", StringComparison.Ordinal) || name.StartsWith("Demo__", StringComparison.Ordinal);

    /// <summary>Each container's environment: compose services' <c>environment</c>, or a Kubernetes ConfigMap's data plus a container's <c>env</c>.</summary>
    private static IEnumerable<Dictionary<string, string>> Environments(string file)
    {
        var documents = YamlFile.Load(Path.Combine(RepositoryFiles.Root, file));
        var configMaps = documents.Where(d => (string?)d.GetValueOrDefault("kind") == "ConfigMap").Select(d => YamlFile.Map(d, "data")).ToList();
        foreach (var environment in documents.SelectMany(d => YamlFile.Find(d, "environment")).OfType<Dictionary<string, object?>>())
        {
            yield return environment.ToDictionary(e => e.Key, e => (string)e.Value!, StringComparer.Ordinal);
        }

        foreach (var env in documents.SelectMany(d => YamlFile.Find(d, "env")).OfType<List<object?>>())
        {
            var result = configMaps.SelectMany(c => c).ToDictionary(e => e.Key, e => (string)e.Value!, StringComparer.Ordinal);
            foreach (var variable in env.Cast<Dictionary<string, object?>>())
            {
                // Values from the pod (its IP) or a secret: stand-ins of the right shape.
                var name = (string)variable["name"]!;
                result[name] = variable.TryGetValue("value", out var value) ? (string)value! : name.EndsWith("AdvertisedIp", StringComparison.Ordinal) ? "10.0.0.7" : "from-a-secret";
            }

            yield return result;
        }
    }

    private static void AssertBuiltFrom(Dictionary<string, object?> service, string dockerfile)
    {
        var build = YamlFile.Map(service, "build");
        Assert.Equal("..", build["context"]);
        Assert.Equal(dockerfile, build["dockerfile"]);
        Assert.True(File.Exists(Path.Combine(RepositoryFiles.Root, dockerfile)), dockerfile);
    }

    [GeneratedRegex(@"^FROM mcr\.microsoft\.com/dotnet/sdk:10\.0 AS build$", RegexOptions.Multiline)]
    private static partial Regex FromSdk();

    [GeneratedRegex(@"^FROM mcr\.microsoft\.com/dotnet/aspnet:10\.0$", RegexOptions.Multiline)]
    private static partial Regex FromAspNet();

    [GeneratedRegex(@"^FROM mcr\.microsoft\.com/dotnet/runtime-deps:10\.0$", RegexOptions.Multiline)]
    private static partial Regex FromRuntimeDeps();

    [GeneratedRegex(@"^USER (\$APP_UID|app)$", RegexOptions.Multiline)]
    private static partial Regex NonRootUser();

    [GeneratedRegex("<AssemblyName>([^<]+)</AssemblyName>")]
    private static partial Regex AssemblyNamePattern();
}
