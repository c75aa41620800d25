using InfluxDB.Client;
using InfluxDB.Client.Api.Domain;
using InfluxDB.Client.Core.Exceptions;

namespace Telemetry.Silo.Sink;

/// <summary>
/// Writes batches through InfluxDB.Client's <see cref="WriteApiAsync"/>, gzip on. Not its background
/// <c>WriteApi</c>: that one buffers without bound (influxdb-client-csharp #301, #477, #478); the sink does its own
/// bounded batching, retries and spooling.
/// </summary>
public sealed partial class InfluxBatchWriter : IBatchWriter, IDisposable
{
    private readonly InfluxDBClient _client;
    private readonly WriteApiAsync _writes;
    private readonly string _bucket;
    private readonly string _org;
    private readonly ILogger<InfluxBatchWriter> _logger;

    public InfluxBatchWriter(InfluxOptions options, ILogger<InfluxBatchWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _bucket = options.Bucket!;
        _org = options.Org!;
        _logger = logger;
        _client = new InfluxDBClient(new InfluxDBClientOptions(options.Url)
        {
            Token = options.Token ?? "",
            Org = _org,
            Bucket = _bucket,
            Timeout = options.WriteTimeout,
        });
        _client.EnableGzip();
        _writes = _client.GetWriteApiAsync();
    }

    public async Task<WriteOutcome> WriteAsync(string lines, CancellationToken cancellationToken)
    {
        try
        {
            await _writes.WriteRecordAsync(lines, WritePrecision.Ns, _bucket, _org, cancellationToken).ConfigureAwait(false);
            return WriteOutcome.Written;
        }
        catch (HttpException e) when (e.Status is >= 400 and < 500 and not 408 and not 429)
        {
            LogRejected(e.Status, e.Message);
            return WriteOutcome.Rejected;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Whatever the transport throws (refused, reset, timeout, 5xx), the batch is tried again or spooled.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogUnreachable(e.GetType().Name, e.Message);
            return WriteOutcome.Retryable;
        }
    }

    public void Dispose() => _client.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "InfluxDB refused a batch ({Status}); its points are dropped: {Error}")]
    private partial void LogRejected(int status, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "InfluxDB write failed ({Kind}): {Error}")]
    private partial void LogUnreachable(string kind, string error);
}
