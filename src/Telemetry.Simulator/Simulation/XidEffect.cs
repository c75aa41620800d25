namespace Telemetry.Exporter.Simulation;

/// <summary>What an injected XID does to the simulated GPU afterwards.</summary>
internal enum XidEffect
{
    /// <summary>The application crashed (13, 31, 43, 94): its job ends, the GPU stays usable.</summary>
    JobCrash,

    /// <summary>A row awaits remapping (63): job ends, <c>row_remap_pending</c> = 1 from now on.</summary>
    PendingRowRemap,

    /// <summary>Row remapping failed (64): job ends, <c>row_remap_failure</c> = 1, GPU unusable.</summary>
    RowRemapFailure,

    /// <summary>Double-bit ECC error (48): <c>ecc_dbe_delta</c> = 1, GPU unusable.</summary>
    DoubleBitEcc,

    /// <summary>Many single-bit errors (92): a burst in <c>ecc_sbe_delta</c>, job keeps running.</summary>
    SingleBitStorm,

    /// <summary>GPU lost (79 off the bus, 74 NVLink, 95 uncontained, 119 GSP): unusable until reset.</summary>
    GpuLost,
}
