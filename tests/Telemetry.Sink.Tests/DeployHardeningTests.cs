using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Telemetry.Sink.Tests;

/// <summary>The deploy files run least-privileged and bounded: Kubernetes security contexts and limits, the systemd unit's rating, Redis' data on a volume.</summary>
public partial class DeployHardeningTests
{
    private const string SystemdUnit = "deploy/systemd/telemetry-exporter.service";

    [Theory]
    [InlineData("deploy/kubernetes/exporter-daemonset.yaml")]
    [InlineData("deploy/kubernetes/silo.yaml")]
    [InlineData("deploy/kubernetes/redis.yaml")]
    public void Kubernetes_EveryWorkload_RunsAsNonRootWithRuntimeDefaultSeccomp(string file)
    {
        foreach (var pod in PodSpecs(file))
        {
            var context = YamlFile.Map(pod, "securityContext");
            Assert.Equal("true", context["runAsNonRoot"]);
            Assert.NotEqual("0", context["runAsUser"]);
            Assert.Equal("RuntimeDefault", YamlFile.Map(context, "seccompProfile")["type"]);
        }
    }

    [Theory]
    [InlineData("deploy/kubernetes/exporter-daemonset.yaml")]
    [InlineData("deploy/kubernetes/silo.yaml")]
    [InlineData("deploy/kubernetes/redis.yaml")]
    public void Kubernetes_EveryContainer_HasLimitsNoEscalationReadOnlyRootAndNoCapabilitiesBeyondWhatItNeeds(string file)
    {
        var containers = PodSpecs(file).SelectMany(p => new[] { "initContainers", "containers" }.SelectMany(k => p.TryGetValue(k, out var list) ? (List<object?>)list! : [])).Cast<Dictionary<string, object?>>().ToList();
        Assert.NotEmpty(containers);
        foreach (var container in containers)
        {
            var name = (string)container["name"]!;
            var limits = YamlFile.Map(YamlFile.Map(container, "resources"), "limits");
            Assert.True(limits.ContainsKey("cpu") && limits.ContainsKey("memory"), $"{file} {name}: no cpu and memory limits");
            var context = YamlFile.Map(container, "securityContext");
            Assert.Equal("false", context["allowPrivilegeEscalation"]);
            Assert.Equal("true", context["readOnlyRootFilesystem"]);
            var capabilities = YamlFile.Map(context, "capabilities");
            Assert.Equal(["ALL"], YamlFile.Strings(capabilities["drop"]));

            // The one added capability in the deploy files: the init container that hands the host's spool to the exporter's user.
            var added = capabilities.TryGetValue("add", out var add) ? YamlFile.Strings(add) : [];
            Assert.True(added.Length == 0 || (name == "spool-owner" && added.SequenceEqual(["CHOWN"])), $"{file} {name}: adds {string.Join(", ", added)}");
        }
    }

    [Fact]
    public void Kubernetes_Redis_KeepsItsAppendOnlyFileOnAVolume()
    {
        var redis = YamlFile.Load(Path.Combine(RepositoryFiles.Root, "deploy/kubernetes/redis.yaml")).Single(d => (string?)d["kind"] == "StatefulSet");
        var container = (Dictionary<string, object?>)((List<object?>)PodSpecs("deploy/kubernetes/redis.yaml").Single()["containers"]!).Single()!;
        var args = YamlFile.Strings(container["args"]);
        Assert.Contains("--appendonly", args);
        var dir = args[Array.IndexOf(args, "--dir") + 1];
        var mount = ((List<object?>)container["volumeMounts"]!).Cast<Dictionary<string, object?>>().Single(m => (string)m["mountPath"]! == dir);
        var claims = ((List<object?>)YamlFile.Map(redis, "spec")["volumeClaimTemplates"]!).Cast<Dictionary<string, object?>>();
        Assert.Contains(claims, c => (string)YamlFile.Map(c, "metadata")["name"]! == (string)mount["name"]!);
    }

    [Fact]
    public void Compose_Redis_KeepsItsDataOnANamedVolume()
    {
        var compose = YamlFile.Load(Path.Combine(RepositoryFiles.Root, "deploy/docker-compose.yml")).Single();
        var redis = YamlFile.Map(YamlFile.Map(compose, "services"), "redis");

        Assert.Contains("--appendonly", YamlFile.Strings(redis["command"]));
        var volume = Assert.Single(YamlFile.Strings(redis["volumes"]), v => v.EndsWith(":/data", StringComparison.Ordinal));
        Assert.True(YamlFile.Map(compose, "volumes").ContainsKey(volume.Split(':')[0]), $"{volume} is not a named volume");
    }

    [Fact]
    public void Systemd_ExporterUnit_RatesAtMostFourInSystemdAnalyzeSecurity()
    {
        var unit = Path.Combine(RepositoryFiles.Root, SystemdUnit);
        var start = new ProcessStartInfo("systemd-analyze", ["security", "--offline=yes", "--no-pager", unit]) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"systemd-analyze could not be started ({e.Message}); install the Debian package systemd (scripts/test.sh does).", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            var match = ExposureLine().Match(output);
            Assert.True(match.Success, $"no exposure level in:\n{output}");
            var exposure = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.True(exposure <= 4.0, $"{SystemdUnit} rates {exposure}:\n{output}");
        }
    }

    /// <summary>The pod templates of a file's DaemonSets, StatefulSets and Deployments.</summary>
    private static IEnumerable<Dictionary<string, object?>> PodSpecs(string file) =>
        YamlFile.Load(Path.Combine(RepositoryFiles.Root, file))
            .Where(d => (string?)d.GetValueOrDefault("kind") is "DaemonSet" or "StatefulSet" or "Deployment")
            .Select(d => YamlFile.Map(YamlFile.Map(YamlFile.Map(d, "spec"), "template"), "spec"));

    [GeneratedRegex(@"Overall exposure level for [^:]+: ([0-9.]+)")]
    private static partial Regex ExposureLine();
}
