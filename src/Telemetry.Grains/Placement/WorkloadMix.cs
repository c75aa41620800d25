using Telemetry.Placement;

namespace Telemetry.Grains.Placement;

/// <summary>
/// The shapes of the jobs a data center is asked to place — whole GPU counts and shares of one GPU in
/// thousandths — as a bounded histogram whose older requests fade (half-life <see cref="HalfLifeRequests"/>).
/// It starts from <see cref="Prior"/> counted as <see cref="PriorRequests"/> requests, which fades the same way,
/// so the requests actually seen take over. Fragmentation (<see cref="Fragmentation"/>) is weighed by it.
/// It also learns, fading alike, how much of the GPU demand named each GPU model (<see cref="ModelShare"/>), which
/// the index weighs a scarce model's free capacity against.
/// </summary>
/// <remarks>
/// The tables a score reads are rebuilt every <see cref="RefreshEvery"/> requests, so a placement reads
/// them in O(1) and learning costs O(shapes) only once per refresh.
/// </remarks>
public sealed class WorkloadMix
{
    /// <summary>Largest whole-GPU class; a larger job counts as one of this many GPUs (it fits no node either way).</summary>
    public const int MaxWholeGpus = 64;

    /// <summary>Requests after which a request counts half as much.</summary>
    public const double HalfLifeRequests = 2_000;

    /// <summary>Requests between two rebuilds of the tables scores read.</summary>
    public const int RefreshEvery = 64;

    /// <summary>How many requests the prior counts as when no request was seen yet.</summary>
    public const double PriorRequests = 200;

    /// <summary>
    /// The mix before any request: mostly whole GPUs in jobs of 1, 2, 4 and 8, and some quarter and half shares,
    /// as a fleet of 8-GPU nodes sees them. Each entry is (GPUs, thousandths or null for whole GPUs, share of jobs).
    /// </summary>
    public static readonly (int Gpus, int? Milli, double Share)[] Prior =
        [(1, null, 0.2), (2, null, 0.1), (4, null, 0.15), (8, null, 0.35), (1, 250, 0.1), (1, 500, 0.1)];

    private static readonly double BatchDecay = Math.Pow(0.5, RefreshEvery / HalfLifeRequests);

    private readonly double[] _whole = new double[MaxWholeGpus + 1];
    private readonly double[] _share = new double[GpuShares.Whole];
    private readonly double[] _wholeNormalized = new double[MaxWholeGpus + 1];
    private readonly double[] _wholeAbove = new double[MaxWholeGpus + 2];
    private readonly double[] _shareAbove = new double[GpuShares.Whole + 1];
    private readonly Dictionary<string, double> _modelDemand = new(StringComparer.OrdinalIgnoreCase);
    private double _demand;
    private double _boundDemand;
    private int _sinceRefresh;

    /// <summary>A mix holding only the prior.</summary>
    public WorkloadMix()
        : this(Prior, PriorRequests)
    {
    }

    /// <summary>A mix starting from <paramref name="shapes"/> counted as <paramref name="requests"/> requests (tests hand-make mixes with it).</summary>
    public WorkloadMix(IEnumerable<(int Gpus, int? Milli, double Share)> shapes, double requests)
    {
        foreach (var (gpus, milli, share) in shapes)
        {
            Add(gpus, milli, share * requests);
        }

        Refresh();
    }

    /// <summary>Requests seen since the start (not counting the prior).</summary>
    public long Observed { get; private set; }

    /// <summary>Share of jobs that ask for whole GPUs (all classes together), 0–1.</summary>
    public double WholeShare => _wholeAbove[0];

    /// <summary>
    /// Counts the shape of the request a data center is asked about, once: the second ask of a job too large for one
    /// node (spread over nodes, <see cref="PlacementQuery.SingleNode"/> false without the request saying so) is the same job.
    /// </summary>
    public void Observe(PlacementQuery query)
    {
        if (query.SingleNode || query.Request.SingleNode is not null)
        {
            Observe(query.Request, query.BoundTo);
        }
    }

    /// <summary>
    /// Counts one request's shape; spread jobs count as their GPU count. A request of a tenant bound to
    /// <paramref name="boundTo"/> data centers counts that fraction of its GPUs as demand that depends on this one.
    /// </summary>
    public void Observe(PlacementRequest request, int boundTo = 0)
    {
        Add(request.Gpus, request.GpuMilli, 1);
        var demand = Demand(request.Gpus, request.GpuMilli);
        _demand += demand;
        if (boundTo > 0)
        {
            _boundDemand += demand / boundTo;
        }

        if (request.Model is { } model)
        {
            _modelDemand[model] = _modelDemand.GetValueOrDefault(model) + demand;
        }

        Observed++;
        if (++_sinceRefresh >= RefreshEvery)
        {
            Decay();
            Refresh();
        }
    }

    /// <summary>Share of jobs that ask for exactly <paramref name="gpus"/> whole GPUs.</summary>
    public double Whole(int gpus) => gpus is < 1 or > MaxWholeGpus ? 0 : _wholeNormalized[gpus];

    /// <summary>Share of jobs that ask for more than <paramref name="gpus"/> whole GPUs (0 or more).</summary>
    public double WholeAbove(int gpus) => _wholeAbove[Math.Clamp(gpus, 0, MaxWholeGpus + 1)];

    /// <summary>Share of jobs that ask for at least one and at most <paramref name="gpus"/> whole GPUs.</summary>
    public double WholeAtMost(int gpus) => WholeShare - WholeAbove(gpus);

    /// <summary>Share of jobs that ask for a share of one GPU larger than <paramref name="milli"/> thousandths.</summary>
    public double ShareAbove(int milli) => _shareAbove[Math.Clamp(milli, 0, GpuShares.Whole)];

    /// <summary>
    /// Share of the recent GPU demand (of requests seen: the prior, which names no model, would only dilute it) that asked for GPU model <paramref name="model"/> by name, 0–1:
    /// work that can run nowhere else, which the scarcity of a model's free capacity is weighed by.
    /// </summary>
    /// <remarks>Read at once, not at the next refresh: packing fills a scarce model within the first few requests.</remarks>
    public double ModelShare(string? model) =>
        model is not null && _demand > 0 && _modelDemand.TryGetValue(model, out var demand) ? Math.Clamp(demand / _demand, 0, 1) : 0;

    /// <summary>Share of the recent GPU demand (of requests seen) that came from tenants bound to this data center, 0–1.</summary>
    public double BoundShare => _demand > 0 ? Math.Clamp(_boundDemand / _demand, 0, 1) : 0;

    // GPUs a request asks for: a share counts as its thousandths.
    private static double Demand(int gpus, int? milli) =>
        milli is { } share and >= GpuShares.MinShare and <= GpuShares.MaxShare ? share / (double)GpuShares.Whole : Math.Clamp(gpus, 1, MaxWholeGpus);

    private void Add(int gpus, int? milli, double weight)
    {
        if (milli is { } share and >= GpuShares.MinShare and <= GpuShares.MaxShare)
        {
            _share[share] += weight;
        }
        else
        {
            _whole[Math.Clamp(gpus, 1, MaxWholeGpus)] += weight;
        }
    }

    private void Decay()
    {
        for (var i = 0; i < _whole.Length; i++)
        {
            _whole[i] *= BatchDecay;
        }

        for (var i = 0; i < _share.Length; i++)
        {
            _share[i] *= BatchDecay;
        }

        _demand *= BatchDecay;
        _boundDemand *= BatchDecay;
        foreach (var model in _modelDemand.Keys.ToArray())
        {
            _modelDemand[model] *= BatchDecay;
        }
    }

    private void Refresh()
    {
        _sinceRefresh = 0;
        var total = _whole.Sum() + _share.Sum();
        var scale = total > 0 ? 1 / total : 0;
        _wholeAbove[MaxWholeGpus + 1] = 0;
        _wholeAbove[MaxWholeGpus] = 0;
        for (var k = MaxWholeGpus; k >= 1; k--)
        {
            _wholeNormalized[k] = _whole[k] * scale;
            _wholeAbove[k - 1] = _wholeAbove[k] + _wholeNormalized[k];
        }

        _shareAbove[GpuShares.Whole] = 0;
        for (var milli = GpuShares.Whole - 1; milli >= 0; milli--)
        {
            _shareAbove[milli] = _shareAbove[milli + 1] + (milli + 1 < GpuShares.Whole ? _share[milli + 1] * scale : 0);
        }
    }
}
