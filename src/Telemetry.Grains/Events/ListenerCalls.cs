using Microsoft.Extensions.Logging;

namespace Telemetry.Grains.Events;

/// <summary>Calls every listener of a publisher; one listener's fault is logged and never stops the others or the grain that published.</summary>
internal static partial class ListenerCalls
{
    public static void Each<TListener, TEvent>(TListener[] listeners, TEvent e, Action<TListener, TEvent> call, string subject, ILogger logger)
        where TListener : class
    {
        foreach (var listener in listeners)
        {
            try
            {
                call(listener, e);
            }
#pragma warning disable CA1031 // A listener's fault must not fail the report or the rebalancing round that caused the event.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogListenerFailed(logger, exception, listener.GetType().Name, subject);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listener {Listener} failed on {Subject}")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception, string listener, string subject);
}
