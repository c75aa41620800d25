namespace Telemetry.Exporter.Sending;

/// <summary>What <see cref="SpoolRecord.TryRead"/> found in one record; offsets are from the record's start.</summary>
internal readonly record struct SpoolRecordInfo(string NodeId, long SpooledAtMs, bool Gzip, int Samples, int RecordLength, int BodyStart);
