using MessagePack;

namespace Telemetry.Wire;

/// <summary>Reads a GPU block's <c>ts</c>: 1 to MaxSamplesPerGpu Unix-ms integers, strictly ascending, none too far ahead of now.</summary>
internal static class TimestampsReader
{
    public static long[] Read(ref MessagePackReader reader, ReportScope scope)
    {
        var limits = scope.Limits;
        var count = BoundedReader.ReadArrayLength(
            ref reader, scope, "ts", limits.MaxSamplesPerGpu, WireErrorCodes.Timestamps, WireErrorCodes.Timestamps);
        if (count == 0)
        {
            throw scope.Fail(WireErrorCodes.Timestamps, "ts is empty; expected at least one sample");
        }

        var timestamps = new long[count];
        var latest = scope.LatestTimestamp;
        for (var i = 0; i < count; i++)
        {
            if (!WireIntegers.TryReadInt64(ref reader, out var ts))
            {
                throw scope.Fail(WireErrorCodes.Timestamps, $"ts[{i}] is not a 64-bit integer; expected Unix milliseconds");
            }

            if (i > 0 && ts <= timestamps[i - 1])
            {
                throw scope.Fail(WireErrorCodes.Timestamps, $"ts[{i}] = {ts} does not come after ts[{i - 1}] = {timestamps[i - 1]}; expected strictly ascending timestamps");
            }

            if (ts > latest)
            {
                throw scope.Fail(WireErrorCodes.Timestamps, $"ts[{i}] = {ts} is {ts - latest} ms beyond the allowed clock skew of {limits.MaxClockSkew}; expected at most {latest}");
            }

            timestamps[i] = ts;
        }

        return timestamps;
    }
}
