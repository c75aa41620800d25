using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Telemetry.Silo.Api;

/// <summary>Compresses JSON answers (Brotli, else gzip) when the caller accepts it; the live stream is left as it is.</summary>
public static class ResponseCompressionHostingExtensions
{
    /// <summary>Both codings use it: a data center's heat map is megabytes of JSON, and Optimal shrinks it well below Fastest for a few milliseconds more.</summary>
    public const CompressionLevel Level = CompressionLevel.Optimal;

    /// <summary>The media types compressed: JSON answers and problem details only, so <c>text/event-stream</c> keeps flushing event by event.</summary>
    public static readonly string[] MimeTypes = ["application/json", "application/problem+json"];

    public static WebApplicationBuilder AddJsonCompression(this WebApplicationBuilder builder)
    {
        builder.Services.AddResponseCompression(options =>
        {
            // Answers hold fleet state, never a secret next to caller-chosen text, so compression over TLS leaks nothing (BREACH needs both).
            options.EnableForHttps = true;
            options.MimeTypes = MimeTypes;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = Level);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = Level);
        return builder;
    }

    public static WebApplication UseJsonCompression(this WebApplication app)
    {
        app.UseResponseCompression();
        return app;
    }
}
