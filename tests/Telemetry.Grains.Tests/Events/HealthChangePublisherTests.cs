using Microsoft.Extensions.Logging.Abstractions;
using Telemetry.Grains.Events;
using Telemetry.Health;

namespace Telemetry.Grains.Tests.Events;

public sealed class HealthChangePublisherTests
{
    [Fact]
    public void Publish_AListenerThrows_TheOthersStillHearAndThePublisherDoesNotThrow()
    {
        var before = new Recording();
        var after = new Recording();
        var publisher = new HealthChangePublisher([before, new Throwing(), after], NullLogger<HealthChangePublisher>.Instance);
        var change = new HealthChange
        {
            At = DateTimeOffset.UnixEpoch,
            Subject = HealthSubject.Gpu,
            Id = "GPU-1",
            Node = "dc1/n1",
            DataCenter = "dc1",
            From = HealthState.Healthy,
            To = HealthVerdict.HealthySince(DateTimeOffset.UnixEpoch) with { State = HealthState.Unhealthy },
        };

        publisher.Publish(change);

        Assert.Equal([change], before.Heard);
        Assert.Equal([change], after.Heard);
    }

    private sealed class Recording : IHealthChangeListener
    {
        public List<HealthChange> Heard { get; } = [];

        public void OnHealthChanged(HealthChange change) => Heard.Add(change);
    }

    private sealed class Throwing : IHealthChangeListener
    {
        public void OnHealthChanged(HealthChange change) => throw new InvalidOperationException("listener fault");
    }
}
