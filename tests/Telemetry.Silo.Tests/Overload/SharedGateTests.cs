using System.Net;
using System.Text;
using Telemetry.Silo.Ingest;

namespace Telemetry.Silo.Tests.Overload;

/// <summary>Telegraf's line-protocol door counts against the same in-flight bound as the native ingest door.</summary>
public sealed class SharedGateTests
{
    [Fact]
    public async Task LineProtocolWrite_WhileTheGateIsFull_Answers429WithRetryAfter_ThenAcceptsOnceThereIsRoom()
    {
        await using var silo = await RunningSilo.StartAsync("--Ingest:MaxConcurrentRequests=1");
        var gate = silo.Services.GetRequiredService<IngestGate>();
        var line = $"nvidia_smi,host=gate-node,index=0,name=NVIDIA\\ H200,uuid=GPU-{Guid.NewGuid()} utilization_gpu=12i,power_draw=300.5 {Reports.NowMs()}";

        Assert.True(gate.TryEnter());
        HttpResponseMessage refused;
        try
        {
            refused = await silo.Http.PostAsync("/api/v2/write?bucket=gate&precision=ms", new StringContent(line, Encoding.UTF8));
        }
        finally
        {
            gate.Exit();
        }

        var accepted = await silo.Http.PostAsync("/api/v2/write?bucket=gate&precision=ms", new StringContent(line, Encoding.UTF8));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        Assert.Equal(0, gate.InFlight);
    }
}
