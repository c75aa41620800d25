namespace Telemetry.Exporter.Cli;

/// <summary>The replay's progress: one line rewritten in place on a terminal, a line every few seconds otherwise.</summary>
internal sealed class ReplayProgress(TextWriter output, bool interactive)
{
    private readonly Lock _gate = new();
    private DateTime _lastLine = DateTime.MinValue;
    private bool _open;

    public void Report(string text)
    {
        lock (_gate)
        {
            if (interactive)
            {
                output.Write("\r" + text.PadRight(Math.Max(text.Length, 100))[..Math.Max(text.Length, 100)]);
                _open = true;
                if (text.EndsWith("done", StringComparison.Ordinal) || text.Contains(" done in ", StringComparison.Ordinal))
                {
                    Done();
                }

                return;
            }

            var now = DateTime.UtcNow;
            if (now - _lastLine >= TimeSpan.FromSeconds(5) || text.Contains(" done in ", StringComparison.Ordinal) || text.Contains("data centers", StringComparison.Ordinal))
            {
                _lastLine = now;
                output.WriteLine(text);
            }
        }
    }

    public void Done()
    {
        lock (_gate)
        {
            if (_open)
            {
                output.WriteLine();
                _open = false;
            }
        }
    }
}
