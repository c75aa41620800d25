using System.CommandLine;
using Telemetry.Wire;

namespace Telemetry.Exporter.Cli;

/// <summary>
/// <c>telemetry-exporter token</c>: prints the ingest token of a node or a whole data center, given the
/// cluster's ingest secret (read from <c>$TELEMETRY_INGEST_SECRET</c> or a file, never from the command line).
/// </summary>
internal static class TokenCommand
{
    public const string SecretVariable = "TELEMETRY_INGEST_SECRET";

    public static Command Create()
    {
        var node = new Option<string?>("--node") { Description = "Node id <datacenter>/<host>: the token covers this node only." };
        var dataCenter = new Option<string?>("--datacenter") { Description = "Data center: the token covers every node in it." };
        var secretFile = new Option<string?>("--secret-file") { Description = $"File holding the ingest secret (default: ${SecretVariable}).", HelpName = "path" };
        var command = new Command("token", "Print the ingest token for a node or a data center (WIRE.md, Authentication).")
        {
            node, dataCenter, secretFile,
        };
        command.SetAction(result =>
        {
            if (!TryReadSecret(result.GetValue(secretFile), Console.Error, out var secret))
            {
                return ExporterCommandLine.InvalidOptions;
            }

            return Run(result.GetValue(node), result.GetValue(dataCenter), secret, Console.Out, Console.Error);
        });
        return command;
    }

    /// <summary>The secret from <paramref name="path"/>, or from <c>$TELEMETRY_INGEST_SECRET</c> without one; false, with one line to <paramref name="error"/>, when the file cannot be read.</summary>
    public static bool TryReadSecret(string? path, TextWriter error, out string? secret)
    {
        if (path is null)
        {
            secret = Environment.GetEnvironmentVariable(SecretVariable);
            return true;
        }

        try
        {
            secret = File.ReadAllText(path).Trim();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error.WriteLine($"token: --secret-file {path}: {e.Message}");
            secret = null;
            return false;
        }
    }

    /// <summary>Writes the token to <paramref name="output"/>, or a one-line reason to <paramref name="error"/> and returns 2.</summary>
    public static int Run(string? node, string? dataCenter, string? secret, TextWriter output, TextWriter error)
    {
        if ((node is null) == (dataCenter is null))
        {
            error.WriteLine("token: give exactly one of --node <datacenter>/<host> or --datacenter <name>.");
            return 2;
        }

        if (node is not null && !NodeIds.IsValid(node))
        {
            error.WriteLine($"token: '{node}' is not a node id: <datacenter>/<host>, each [a-z0-9][a-z0-9._-]{{0,62}}.");
            return 2;
        }

        if (dataCenter is not null && !NodeIds.IsValidPart(dataCenter))
        {
            error.WriteLine($"token: '{dataCenter}' is not a data-center name: [a-z0-9][a-z0-9._-]{{0,62}}.");
            return 2;
        }

        if (string.IsNullOrEmpty(secret))
        {
            error.WriteLine($"token: no secret: set ${SecretVariable} or pass --secret-file.");
            return 2;
        }

        output.WriteLine(IngestTokens.For(secret, node ?? IngestTokens.DataCenterScope(dataCenter!)));
        return 0;
    }
}
