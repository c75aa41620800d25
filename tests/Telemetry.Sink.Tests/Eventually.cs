namespace Telemetry.Sink.Tests;

/// <summary>Polls a condition against a deadline: waits on real processes and background writers never sleep a fixed time.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not within {timeout.TotalSeconds:F0} s: {describe()}");
            }

            await Task.Delay(20);
        }
    }
}
