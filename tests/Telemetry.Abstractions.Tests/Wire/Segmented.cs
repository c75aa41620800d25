using System.Buffers;
using Telemetry.Wire;

namespace Telemetry.Abstractions.Tests.Wire;

/// <summary>Splits a body into a multi-segment sequence, as a pipe delivers it, to test values that straddle segments.</summary>
internal static class Segmented
{
    public static ReadOnlySequence<byte> Split(byte[] body, int segmentLength)
    {
        if (body.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(body.AsMemory(0, Math.Min(segmentLength, body.Length)), 0);
        var last = first;
        for (var start = segmentLength; start < body.Length; start += segmentLength)
        {
            last = last.Append(body.AsMemory(start, Math.Min(segmentLength, body.Length - start)));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
