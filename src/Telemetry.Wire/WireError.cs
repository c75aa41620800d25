namespace Telemetry.Wire;

/// <summary>Why a body was rejected: which report, a short machine-readable code, and a sentence a person can act on.</summary>
/// <param name="ReportIndex">Zero-based index of the offending report in the body; −1 when the body as a whole is at fault.</param>
/// <param name="Code">A stable kebab-case code, e.g. <c>values-length</c>.</param>
/// <param name="Detail">What is wrong, naming the GPU or field where there is one.</param>
public sealed record WireError(int ReportIndex, string Code, string Detail);
