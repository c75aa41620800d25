namespace Telemetry.Wire;

/// <summary>
/// The stable kebab-case codes in <see cref="WireError.Code"/>; one code per kind of bad input,
/// so the HTTP layer can answer each with its own problem type.
/// </summary>
public static class WireErrorCodes
{
    /// <summary>The body has no bytes.</summary>
    public const string EmptyBody = "empty-body";

    /// <summary>The body holds more reports than <see cref="WireLimits.MaxReportsPerBody"/>.</summary>
    public const string TooManyReports = "too-many-reports";

    /// <summary>The bytes are not valid MessagePack, or end in the middle of a value.</summary>
    public const string Malformed = "malformed";

    /// <summary>A report is not an array of at least 7 elements, or its GPU list is not an array.</summary>
    public const string ReportShape = "report-shape";

    /// <summary>The format version is not the integer 1.</summary>
    public const string UnsupportedVersion = "unsupported-version";

    /// <summary>The node id is not a string of the form <c>&lt;datacenter&gt;/&lt;host&gt;</c>.</summary>
    public const string NodeId = "node-id";

    /// <summary><c>seq</c> is not an unsigned integer.</summary>
    public const string Seq = "seq";

    /// <summary><c>bootId</c> is not a non-empty string within the length limit.</summary>
    public const string BootId = "boot-id";

    /// <summary>The optional hostBootId (position 7) is a string over the string limit, or not valid UTF-8.</summary>
    public const string HostBootId = "host-boot-id";

    /// <summary><c>fields</c> is not an array of distinct integers 1–255 within the limit.</summary>
    public const string Fields = "fields";

    /// <summary>The report lists more GPUs than <see cref="WireLimits.MaxGpusPerReport"/>.</summary>
    public const string TooManyGpus = "too-many-gpus";

    /// <summary>A GPU block is not an array of at least 7 elements.</summary>
    public const string GpuShape = "gpu-shape";

    /// <summary>A GPU index is not an integer 0–63.</summary>
    public const string GpuIndex = "gpu-index";

    /// <summary>Two GPU blocks of one report share an index or a UUID.</summary>
    public const string DuplicateGpu = "duplicate-gpu";

    /// <summary>A GPU UUID is not a non-empty string within the length limit.</summary>
    public const string GpuUuid = "gpu-uuid";

    /// <summary>A model name is not a string within the length limit.</summary>
    public const string GpuModel = "gpu-model";

    /// <summary>A job id is neither nil nor a string within the length limit.</summary>
    public const string JobId = "job-id";

    /// <summary><c>ts</c> is empty, too long, not integers, not strictly ascending, or too far in the future.</summary>
    public const string Timestamps = "timestamps";

    /// <summary><c>values</c> is not an array of exactly S × F elements.</summary>
    public const string ValuesLength = "values-length";

    /// <summary>A value is not a finite number or NaN (float32, float64 or integer).</summary>
    public const string ValuesType = "values-type";

    /// <summary><c>xids</c> is neither nil nor an array of non-negative 32-bit integers within the limit.</summary>
    public const string Xids = "xids";

    /// <summary>The gauges are neither nil nor a map of distinct non-empty names to numbers within the limits.</summary>
    public const string Gauges = "gauges";
}
