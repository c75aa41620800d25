using System.Collections.ObjectModel;
using MessagePack;

namespace Telemetry.Wire;

/// <summary>Reads a report's node-level gauges: nil, or a map of distinct non-empty names to numbers.</summary>
internal static class GaugesReader
{
    public static IReadOnlyDictionary<string, double> Read(ref MessagePackReader reader, ReportScope scope)
    {
        if (reader.TryReadNil())
        {
            return NoGauges;
        }

        var limits = scope.Limits;
        var count = BoundedReader.ReadMapLength(ref reader, scope, "gauges", limits.MaxGauges, WireErrorCodes.Gauges);
        if (count == 0)
        {
            return NoGauges;
        }

        // Names come from the network: hash them with a collision-resistant comparer.
        var gauges = new Dictionary<string, double>(count, MessagePackSecurity.UntrustedData.GetEqualityComparer<string>());
        for (var i = 0; i < count; i++)
        {
            var name = BoundedReader.ReadString(ref reader, scope, GaugeLabel(i), limits.MaxStringBytes, WireErrorCodes.Gauges)!;
            if (name.Length == 0)
            {
                throw scope.Fail(WireErrorCodes.Gauges, $"gauge name #{i} is empty; expected a name such as 'cpu_util_pct'");
            }

            // Only a scalar is accepted, so a nested value is rejected at its first byte, never walked.
            if (!WireNumber.TryRead(ref reader, out var value))
            {
                throw BoundedReader.WrongType(ref reader, scope, WireErrorCodes.Gauges, $"gauge '{name}'", "a number");
            }

            if (double.IsInfinity(value))
            {
                throw scope.Fail(WireErrorCodes.Gauges, $"gauge '{name}' is {value}; expected a finite number, or NaN for not measured");
            }

            if (!gauges.TryAdd(name, value))
            {
                throw scope.Fail(WireErrorCodes.Gauges, $"gauge '{name}' appears twice; expected each name once");
            }
        }

        // The collision-resistant comparer guards the decoding; the report keeps a plain dictionary, which
        // Orleans can serialize when the report crosses to a node grain on another silo.
        return new Dictionary<string, double>(gauges);
    }

    // Shared and never changed; a plain Dictionary so it serializes like any other report's gauges.
    private static readonly Dictionary<string, double> NoGauges = [];

    // Labels for error messages, made once rather than once per gauge per report.
    private static readonly string[] GaugeLabels = [.. Enumerable.Range(0, 64).Select(i => $"gauge name #{i}")];

    private static string GaugeLabel(int index) => index < GaugeLabels.Length ? GaugeLabels[index] : $"gauge name #{index}";
}
