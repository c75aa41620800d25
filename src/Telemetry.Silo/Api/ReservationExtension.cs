namespace Telemetry.Silo.Api;

/// <summary>The body of <c>POST /api/v1/reservations/{id}/extend</c>: hold the GPUs for this many seconds from now.</summary>
/// <param name="ReserveSeconds">1–3600, as a placement's <c>reserveSeconds</c>; the new expiry is now plus this.</param>
public sealed record ReservationExtension(int? ReserveSeconds);
