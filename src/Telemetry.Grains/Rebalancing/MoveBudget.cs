namespace Telemetry.Grains.Rebalancing;

/// <summary>The moves (migrations and drains) left in this interval.</summary>
public sealed class MoveBudget(int cap)
{
    public int Left { get; private set; } = cap;

    public bool TrySpend()
    {
        if (Left <= 0)
        {
            return false;
        }

        Left--;
        return true;
    }
}
