using System.Text.Json;
using System.Text.Json.Serialization;

namespace Telemetry.Silo.Api;

/// <summary>How the HTTP API writes its JSON answers, in one place so that what measures an answer writes it the same way.</summary>
public static class ApiJson
{
    /// <summary>Enums as camelCase strings; named floating-point literals (<c>"NaN"</c>) allowed.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));

        // State leaves unmeasured values out; should a NaN slip through, it is written as "NaN", never a 500.
        options.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
    }

    /// <summary>The API's options on ASP.NET Core's web defaults (camelCase names), as the answers are written.</summary>
    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }
}
