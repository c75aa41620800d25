namespace Telemetry.Exporter.Sources.Dcgm;

/// <summary>
/// Scrapes a dcgm-exporter endpoint (<c>http://localhost:9400/metrics</c>) once per sample. dcgm-exporter refreshes
/// its values every <c>DCGM_EXPORTER_INTERVAL</c> ms (30 s by default): set it to the sample period, or repeated
/// pages are sent as repeated samples.
/// </summary>
public sealed class DcgmExporterSource(Uri endpoint, HttpMessageHandler? handler = null) : IGpuSource
{
    private readonly HttpClient _http = handler is null
        ? new HttpClient { Timeout = TimeSpan.FromSeconds(5) }
        : new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(5) };

    private readonly DcgmReadingMapper _mapper = new();

    public string Description => $"dcgm-exporter at {endpoint}";

    public async Task StartAsync(CancellationToken ct)
    {
        // One scrape up front: a wrong URL is reported at start, not as a stream of failed samples.
        var readings = await ReadAsync(ct);
        if (readings.Count == 0)
        {
            throw new GpuSourceException($"{endpoint} answered, but with no DCGM_FI_* series of a GPU (UUID and gpu labels); is it a dcgm-exporter /metrics URL?");
        }
    }

    public async Task<IReadOnlyList<GpuReading>> ReadAsync(CancellationToken ct)
    {
        string page;
        try
        {
            using var response = await _http.GetAsync(endpoint, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new GpuSourceException($"dcgm-exporter at {endpoint} answered HTTP {(int)response.StatusCode}.");
            }

            page = await response.Content.ReadAsStringAsync(ct);
        }
        catch (HttpRequestException e)
        {
            throw new GpuSourceException($"dcgm-exporter at {endpoint} cannot be reached ({e.Message}); is it running (default port 9400)?", e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new GpuSourceException($"dcgm-exporter at {endpoint} did not answer within {_http.Timeout.TotalSeconds:F0} s.", e);
        }

        try
        {
            return _mapper.Map(PrometheusTextParser.Parse(page));
        }
        catch (FormatException e)
        {
            throw new GpuSourceException($"dcgm-exporter at {endpoint} sent a page that is not Prometheus text format: {e.Message}", e);
        }
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
