using System.Buffers;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MessagePack;
using Telemetry.Silo.Ingest;
using Telemetry.Wire;

namespace Telemetry.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class IngestTests(SiloFixture silo)
{
    private const string Ingest = "/api/v1/ingest";

    [Fact]
    public async Task Ingest_ValidReport_Answers202WithCounts()
    {
        var report = Reports.Make(Reports.UniqueNode(), seq: 1, Reports.NowMs(), gpus: 3, samples: 7);

        var response = await silo.Http.PostAsync(Ingest, Reports.Content(Reports.Encode(report)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new IngestAnswer(1, 21, 0), await response.Content.ReadFromJsonAsync<IngestAnswer>());
    }

    [Fact]
    public async Task Ingest_SameReportTwice_SecondIsDuplicateAndChangesNothing()
    {
        var node = Reports.UniqueNode();
        var body = Reports.Encode(Reports.Make(node, seq: 5, Reports.NowMs()));
        await silo.Http.PostAsync(Ingest, Reports.Content(body));

        var again = await silo.Http.PostAsync(Ingest, Reports.Content(body));

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(new IngestAnswer(0, 0, 1), await again.Content.ReadFromJsonAsync<IngestAnswer>());
        var gpu = await GetJsonAsync($"/api/v1/gpus/{Reports.GpuUuid(node, 0)}");
        Assert.Equal(10, gpu.GetProperty("samples").GetInt64());
    }

    [Fact]
    public async Task Ingest_OlderSeqSameBoot_IsDuplicate_NewBootStartsNewSequence()
    {
        var node = Reports.UniqueNode();
        var now = Reports.NowMs();
        await silo.Http.PostAsync(Ingest, Reports.Content(Reports.Encode(Reports.Make(node, 10, now - 5000, samples: 1))));

        var older = await silo.Http.PostAsync(Ingest, Reports.Content(Reports.Encode(Reports.Make(node, 9, now - 4000, samples: 1))));
        var rebooted = await silo.Http.PostAsync(Ingest, Reports.Content(Reports.Encode(Reports.Make(node, 1, now, samples: 1, bootId: "6f1c2f9e-0000-4000-8000-000000000002"))));

        Assert.Equal(new IngestAnswer(0, 0, 1), await older.Content.ReadFromJsonAsync<IngestAnswer>());
        Assert.Equal(new IngestAnswer(1, 2, 0), await rebooted.Content.ReadFromJsonAsync<IngestAnswer>());
    }

    [Fact]
    public async Task Ingest_BodyOfSeveralReports_AppliesAllInOrderAndCountsDuplicates()
    {
        var a = Reports.UniqueNode();
        var b = Reports.UniqueNode();
        var now = Reports.NowMs();
        var body = Reports.Encode(
            Reports.Make(a, 1, now - 2000, samples: 2),
            Reports.Make(b, 1, now - 2000, samples: 3),
            Reports.Make(a, 2, now, samples: 2),
            Reports.Make(a, 2, now, samples: 2));

        var response = await silo.Http.PostAsync(Ingest, Reports.Content(body));

        Assert.Equal(new IngestAnswer(3, 14, 1), await response.Content.ReadFromJsonAsync<IngestAnswer>());
        var node = await GetJsonAsync($"/api/v1/nodes/{a}");
        Assert.Equal(2UL, node.GetProperty("lastSeq").GetUInt64());
    }

    [Fact]
    public async Task Ingest_SecondReportInvalid_Answers400NamingItAndAppliesNothing()
    {
        var good = Reports.UniqueNode();
        var bad = Reports.Make(Reports.UniqueNode(), 1, Reports.NowMs() + (10 * 60 * 1000));
        var body = Reports.Encode(Reports.Make(good, 1, Reports.NowMs()), bad);

        var response = await silo.Http.PostAsync(Ingest, Reports.Content(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, problem.GetProperty("reportIndex").GetInt32());
        Assert.Contains("report 1", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, (await silo.Http.GetAsync($"/api/v1/nodes/{good}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await silo.Http.GetAsync($"/api/v1/gpus/{Reports.GpuUuid(good, 0)}")).StatusCode);
    }

    [Fact]
    public async Task Ingest_MalformedMessagePack_Answers400()
    {
        var response = await silo.Http.PostAsync(Ingest, Reports.Content([0x97, 0x01, 0xc1, 0xff]));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    public async Task Ingest_WrongContentType_Answers415(string contentType)
    {
        var body = Reports.Encode(Reports.Make(Reports.UniqueNode(), 1, Reports.NowMs()));

        var response = await silo.Http.PostAsync(Ingest, Reports.Content(body, contentType));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Ingest_VndMessagePackContentType_IsAccepted()
    {
        var body = Reports.Encode(Reports.Make(Reports.UniqueNode(), 1, Reports.NowMs()));

        var response = await silo.Http.PostAsync(Ingest, Reports.Content(body, WireContentTypes.VndMessagePack));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Ingest_UnknownContentEncoding_Answers415()
    {
        var body = Reports.Encode(Reports.Make(Reports.UniqueNode(), 1, Reports.NowMs()));

        var response = await silo.Http.PostAsync(Ingest, Reports.Content(body, encoding: "deflate"));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task Ingest_CompressedBody_IsAccepted(string encoding)
    {
        var body = Reports.Encode(Reports.Make(Reports.UniqueNode(), 1, Reports.NowMs(), gpus: 8));

        var response = await silo.Http.PostAsync(Ingest, Reports.Content(Compress(body, encoding), encoding: encoding));

        Assert.Equal(new IngestAnswer(1, 80, 0), await response.Content.ReadFromJsonAsync<IngestAnswer>());
    }

    [Fact]
    public async Task Ingest_BodyOverLimit_Answers413()
    {
        var body = new byte[SiloFixture.MaxBodyBytes + 1];

        var response = await silo.Http.PostAsync(Ingest, Reports.Content(body));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Ingest_GzipBombOverLimitWhenDecompressed_Answers413()
    {
        var bomb = Compress(new byte[SiloFixture.MaxBodyBytes * 8], "gzip");

        var response = await silo.Http.PostAsync(Ingest, Reports.Content(bomb, encoding: "gzip"));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Ingest_CorruptGzip_Answers400()
    {
        var response = await silo.Http.PostAsync(Ingest, Reports.Content([0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef], encoding: "gzip"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Ingest_UnknownFieldIds_AreSkippedAndCounted()
    {
        var node = Reports.UniqueNode();
        var report = Reports.Make(node, 1, Reports.NowMs(), gpus: 1, samples: 2);
        var buffer = new ArrayBufferWriter<byte>();
        NodeReportWriter.Write(buffer, report, [1, 7, 9, 24, 200]);

        var response = await silo.Http.PostAsync(Ingest, Reports.Content(buffer.WrittenSpan.ToArray()));

        Assert.Equal(new IngestAnswer(1, 2, 0), await response.Content.ReadFromJsonAsync<IngestAnswer>());
        var gpu = await GetJsonAsync($"/api/v1/gpus/{Reports.GpuUuid(node, 0)}");
        var last = gpu.GetProperty("last");
        Assert.Equal(3, last.EnumerateObject().Count());
        var metrics = await silo.Http.GetStringAsync("/metrics");
        Assert.Matches(@"telemetry_ingest_skipped_fields_total(\{[^}]*\})? [1-9]", metrics);
    }

    [Fact]
    public async Task Ingest_EmptyBody_Answers400()
    {
        var response = await silo.Http.PostAsync(Ingest, Reports.Content([]));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Ingest_Float32Values_AreStoredExactly()
    {
        var node = Reports.UniqueNode();
        var report = Reports.Make(node, 1, Reports.NowMs(), gpus: 1, samples: 1, value: (_, _, f) => f == 1 ? 12.5 : double.NaN);
        var buffer = new ArrayBufferWriter<byte>();
        NodeReportWriter.Write(buffer, report, singlePrecision: true);

        await silo.Http.PostAsync(Ingest, Reports.Content(buffer.WrittenSpan.ToArray()));

        var gpu = await GetJsonAsync($"/api/v1/gpus/{Reports.GpuUuid(node, 0)}");
        var last = gpu.GetProperty("last");
        Assert.Equal(12.5, last.GetProperty("gpu_util_pct").GetDouble());
        Assert.False(last.TryGetProperty("gpu_temp_c", out _));
    }

    [Fact]
    public async Task Ingest_IntegerEncodedValues_AreAccepted()
    {
        var node = Reports.UniqueNode();
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(7);
        writer.Write(1);
        writer.Write(node);
        writer.Write(1u);
        writer.Write("b8a1c3e0-0000-4000-8000-00000000000a");
        writer.WriteArrayHeader(2);
        writer.Write(1);
        writer.Write(9);
        writer.WriteArrayHeader(1);
        writer.WriteArrayHeader(7);
        writer.Write(0);
        writer.Write("GPU-int-values-0001");
        writer.Write("NVIDIA H200");
        writer.WriteNil();
        writer.WriteArrayHeader(1);
        writer.Write(Reports.NowMs());
        writer.WriteArrayHeader(2);
        writer.Write(87);
        writer.Write(650);
        writer.WriteNil();
        writer.WriteNil();
        writer.Flush();

        var response = await silo.Http.PostAsync(Ingest, Reports.Content(buffer.WrittenSpan.ToArray()));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var gpu = await GetJsonAsync("/api/v1/gpus/GPU-int-values-0001");
        Assert.Equal(650, gpu.GetProperty("last").GetProperty("power_w").GetDouble());
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await silo.Http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    private static byte[] Compress(byte[] body, string encoding)
    {
        using var output = new MemoryStream();
        using (Stream compressor = encoding == "gzip"
            ? new GZipStream(output, CompressionLevel.Fastest)
            : new BrotliStream(output, CompressionLevel.Fastest))
        {
            compressor.Write(body);
        }

        return output.ToArray();
    }
}
