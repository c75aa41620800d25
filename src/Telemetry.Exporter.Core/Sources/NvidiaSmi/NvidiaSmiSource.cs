using System.ComponentModel;
using System.Diagnostics;

namespace Telemetry.Exporter.Sources.NvidiaSmi;

/// <summary>
/// Runs <c>nvidia-smi --query-gpu=… -lms &lt;period&gt;</c> for as long as the exporter runs and keeps each GPU's
/// newest row; a reading returns the rows that arrived since the previous one, so a stalled nvidia-smi sends no
/// stale samples. If nvidia-smi exits, the failed reading says why and the next one starts it again.
/// </summary>
internal sealed class NvidiaSmiSource(string executable, int periodMs) : IGpuSource
{
    private static readonly TimeSpan FirstRowTimeout = TimeSpan.FromSeconds(15);
    private readonly Lock _gate = new();
    private readonly Dictionary<int, GpuReading> _fresh = [];
    private readonly Queue<string> _stderr = new();
    private readonly TaskCompletionSource _firstRow = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;
    private string? _lastParseError;

    public string Description => $"nvidia-smi ({executable}, a row per GPU every {periodMs} ms)";

    public async Task StartAsync(CancellationToken ct)
    {
        Start();
        var exited = _process!.WaitForExitAsync(ct);
        var first = await Task.WhenAny(_firstRow.Task, exited, Task.Delay(FirstRowTimeout, ct));
        if (first == _firstRow.Task)
        {
            return;
        }

        ct.ThrowIfCancellationRequested();
        throw new GpuSourceException(first == exited
            ? $"{executable} exited with code {_process.ExitCode} before printing a GPU row: {StandardError()}"
            : $"{executable} printed no GPU row within {FirstRowTimeout.TotalSeconds:F0} s. {_lastParseError}");
    }

    public Task<IReadOnlyList<GpuReading>> ReadAsync(CancellationToken ct)
    {
        if (_process is { HasExited: true } process)
        {
            var message = $"{executable} exited with code {process.ExitCode} ({StandardError()}); starting it again.";
            process.Dispose();
            _process = null;
            Start();
            throw new GpuSourceException(message);
        }

        lock (_gate)
        {
            IReadOnlyList<GpuReading> readings = [.. _fresh.Values.OrderBy(r => r.Index)];
            _fresh.Clear();
            return Task.FromResult(readings);
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private void Start()
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in NvidiaSmiQuery.Arguments(periodMs))
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => OnRow(e.Data);
        process.ErrorDataReceived += (_, e) => OnError(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new GpuSourceException(
                $"{executable} could not be started ({e.Message}): install the NVIDIA driver's utilities, or give its path with --nvidia-smi-path.", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    private void OnRow(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        if (!NvidiaSmiCsvParser.TryParse(line, out var reading, out var error))
        {
            _lastParseError = $"Last line not understood: {error}";
            return;
        }

        lock (_gate)
        {
            _fresh[reading.Index] = reading;
        }

        _firstRow.TrySetResult();
    }

    private void OnError(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _stderr.Enqueue(line);
            while (_stderr.Count > 5)
            {
                _stderr.Dequeue();
            }
        }
    }

    private string StandardError()
    {
        lock (_gate)
        {
            return _stderr.Count == 0 ? "nothing on stderr" : string.Join(" | ", _stderr);
        }
    }

    private void Stop()
    {
        if (_process is not { } process)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(2000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
        _process = null;
    }
}
