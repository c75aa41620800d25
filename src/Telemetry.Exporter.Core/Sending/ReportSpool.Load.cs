namespace Telemetry.Exporter.Sending;

/// <summary>Replaying the segments a previous run left, oldest first.</summary>
public sealed partial class ReportSpool
{
    /// <summary>Records found torn or corrupt at a segment's tail when the spool was opened (and cut off).</summary>
    public int TornRecords { get; private set; }

    private void Load()
    {
        var numbers = Directory.EnumerateFiles(_directory, "segment-*" + SpoolSegment.Extension)
            .Select(Path.GetFileName)
            .Select(name => SpoolSegment.TryParseNumber(name!, out var n) ? n : -1)
            .Where(n => n > 0)
            .Order()
            .ToList();
        foreach (var number in numbers)
        {
            var segment = CreateSegment(number, FileMode.Open);
            _segments.Add(segment);
            var data = File.ReadAllBytes(segment.Path);
            var offset = 0;
            while (offset < data.Length && SpoolRecord.TryRead(data.AsSpan(offset), out var record))
            {
                Track(new SpoolEntry(_nextSequence++, record.NodeId, segment, offset + record.BodyStart,
                    record.RecordLength - record.BodyStart, record.Gzip, record.Samples, record.SpooledAtMs));
                offset += record.RecordLength;
            }

            if (offset < data.Length)
            {
                // A crash mid-append leaves a partial record: cut it off rather than replay garbage.
                TornRecords++;
                RandomAccess.SetLength(segment.Handle, offset);
            }

            segment.Length = offset;
            _fileBytes += offset;
            if (segment.Live == 0)
            {
                RemoveSegment(segment);
            }
        }

        // New bodies go to a fresh segment, so a replayed one is never appended to.
        if (_segments.Count > 0)
        {
            var next = CreateSegment(_segments[^1].Number + 1, FileMode.CreateNew);
            _segments.Add(next);
        }

        while (_fileBytes > _maxBytes && _segments.Count > 1)
        {
            DropOldestSegment();
        }
    }
}
