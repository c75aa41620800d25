namespace Telemetry.Silo.Live;

/// <summary>The live stream (<c>Live:*</c>): how often it looks for news, and how much it holds per client.</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>How often each silo polls the cluster's feed for new events. Default 0.5 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often clients get a <c>summary</c> of every data center. Default 5 s.</summary>
    public TimeSpan SummaryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest silence on a stream before a comment line keeps proxies from closing it. Default 15 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Events waiting for one client at most; a client that falls further behind is disconnected and resumes by <c>Last-Event-ID</c>. Default 512.</summary>
    public int ClientBuffer { get; set; } = 512;
}
