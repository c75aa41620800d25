using System.Diagnostics;
using System.Text;

namespace Telemetry.Silo.Tests.Tls;

/// <summary>A silo in a process of its own (the built silo next to the test binaries), its output kept for failure messages.</summary>
internal sealed class Outsider : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private Outsider(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code; only once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.Length > 4000 ? _output.ToString(_output.Length - 4000, 4000) : _output.ToString();
            }
        }
    }

    public static Outsider Start(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "Telemetry.Silo"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("the silo process did not start");
        var outsider = new Outsider(process);
        process.OutputDataReceived += (_, e) => outsider.Append(e.Data);
        process.ErrorDataReceived += (_, e) => outsider.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return outsider;
    }

    /// <summary>Waits for the process to exit and its output to be read to the end; false when it still runs at the deadline.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
