using System.Runtime.InteropServices;

namespace Telemetry.Exporter.Sources.Nvml;

/// <summary>
/// nvmlFieldValue_t (40 bytes): <c>unsigned int fieldId, scopeId; long long timestamp, latencyUsec;
/// nvmlValueType_t valueType; nvmlReturn_t nvmlReturn; nvmlValue_t value</c>, the value an 8-byte union.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 40)]
internal struct NvmlFieldValue
{
    [FieldOffset(0)] public uint FieldId;
    [FieldOffset(4)] public uint ScopeId;
    [FieldOffset(8)] public long Timestamp;
    [FieldOffset(16)] public long LatencyUsec;
    [FieldOffset(24)] public int ValueType;
    [FieldOffset(28)] public NvmlReturn Return;
    [FieldOffset(32)] public double DoubleValue;
    [FieldOffset(32)] public uint UIntValue;
    [FieldOffset(32)] public ulong ULongValue;
    [FieldOffset(32)] public long LongValue;
    [FieldOffset(32)] public int IntValue;
    [FieldOffset(32)] public ushort UShortValue;

    /// <summary>The value as a double, by nvmlValueType_t (0 double, 1 uint, 2 ulong, 3 ull, 4 sll, 5 sint, 6 ushort); NaN when the field failed.</summary>
    public readonly double AsDouble() => Return != NvmlReturn.Success ? double.NaN : ValueType switch
    {
        0 => DoubleValue,
        1 => UIntValue,
        2 or 3 => ULongValue,
        4 => LongValue,
        5 => IntValue,
        6 => UShortValue,
        _ => double.NaN,
    };
}
