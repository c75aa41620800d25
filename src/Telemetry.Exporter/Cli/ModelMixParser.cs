using System.Globalization;
using Telemetry.Exporter.Simulation;

namespace Telemetry.Exporter.Cli;

/// <summary>Reads <c>--model</c>: one model (<c>NVIDIA B200</c>, <c>H200</c>) or a weighted mix (<c>B200:3,H200:1</c>).</summary>
internal static class ModelMixParser
{
    public static bool TryParse(string text, out IReadOnlyList<ModelShare> mix, out string error)
    {
        var shares = new List<ModelShare>();
        mix = shares;
        error = "";
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.LastIndexOf(':');
            var name = colon < 0 ? part : part[..colon];
            var weight = 1.0;
            if (colon >= 0 && (!double.TryParse(part[(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out weight) || weight <= 0))
            {
                error = $"'{part}': the weight after ':' must be a number over 0";
                return false;
            }

            if (!GpuModelSpec.TryFind(name, out var spec))
            {
                error = $"unknown model '{name}'; known: {string.Join(", ", GpuModelSpec.Known.Select(m => m.Name))}";
                return false;
            }

            shares.Add(new ModelShare(spec, weight));
        }

        if (shares.Count == 0)
        {
            error = "no model given";
            return false;
        }

        return true;
    }
}
