using MessagePack;
using Telemetry.Wire;

namespace Telemetry.Abstractions.Tests.Wire;

/// <summary>Writes one MessagePack value; lets a test replace any element of a report with a bad one.</summary>
internal delegate void ValueWriter(ref MessagePackWriter writer);
