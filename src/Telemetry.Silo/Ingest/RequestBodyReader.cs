using System.IO.Compression;
using Microsoft.AspNetCore.Http.Features;

namespace Telemetry.Silo.Ingest;

/// <summary>
/// Reads a request body, decompressing gzip or br, into one pooled buffer, and stops as soon as it
/// passes the limit, so a large or decompression-bomb body costs at most the limit in memory.
/// </summary>
public static class RequestBodyReader
{
    public static async Task<(BodyReadStatus Status, PooledBody? Body)> ReadAsync(
        HttpRequest request, ContentCoding coding, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (BodyReadStatus.TooLarge, null);
        }

        // Kestrel enforces the same limit on the raw stream (its own default is 30 MB).
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = maxBytes;
        }

        var body = new PooledBody((int)Math.Min(request.ContentLength ?? 64 * 1024, maxBytes) + 1);
        try
        {
            await using var decompressor = Decompressor(request.Body, coding);
            var stream = decompressor ?? request.Body;
            while (true)
            {
                var read = await stream.ReadAsync(body.FreeSpace(maxBytes), cancellationToken);
                if (read == 0)
                {
                    return (BodyReadStatus.Ok, body);
                }

                body.Advance(read);
                if (body.Length > maxBytes)
                {
                    body.Dispose();
                    return (BodyReadStatus.TooLarge, null);
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            body.Dispose();
            return (BodyReadStatus.TooLarge, null);
        }
        catch (InvalidDataException)
        {
            body.Dispose();
            return (BodyReadStatus.BadCompression, null);
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private static Stream? Decompressor(Stream body, ContentCoding coding) => coding switch
    {
        ContentCoding.Gzip => new GZipStream(body, CompressionMode.Decompress, leaveOpen: true),
        ContentCoding.Brotli => new BrotliStream(body, CompressionMode.Decompress, leaveOpen: true),
        _ => null,
    };
}
