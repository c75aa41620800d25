using System.Diagnostics;

namespace Telemetry.Testing;

/// <summary>
/// A server under test, run as a child process: keeps the last lines it printed for error messages,
/// and on dispose kills it and deletes its temporary folder.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private const int TailLines = 40;
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly string? _tempDirectory;
    private int _disposed;

    private ServerProcess(string name, Process process, Uri baseAddress, string? tempDirectory)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
        _tempDirectory = tempDirectory;
    }

    /// <summary>The server's name in reports, e.g. <c>silo</c>.</summary>
    public string Name { get; }

    public int Pid => _process.Id;

    /// <summary>The server's HTTP address, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The last lines the server wrote to stdout and stderr.</summary>
    public string Tail
    {
        get
        {
            lock (_tail)
            {
                return string.Join(Environment.NewLine, _tail);
            }
        }
    }

    /// <summary>Starts <paramref name="fileName"/>; the process is registered so that it dies with this one.</summary>
    public static ServerProcess Start(string name, string fileName, IEnumerable<string> arguments, string workingDirectory, Uri baseAddress, string? tempDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var server = new ServerProcess(name, process, baseAddress, tempDirectory);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.Start();
        ChildProcesses.Add(server);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Polls <paramref name="path"/> until it answers 2xx; fails with the server's output if it exits or the deadline passes.</summary>
    public async Task WaitReadyAsync(HttpClient client, string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new ServerStartException($"{Name} exited with code {_process.ExitCode} during start-up:{Environment.NewLine}{Tail}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(BaseAddress, path), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new ServerStartException($"{Name} did not answer {path} within {timeout.TotalSeconds:F0} s:{Environment.NewLine}{Tail}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Stops the server as an operator would (SIGTERM), so it flushes what it accepted, and waits for it to exit.</summary>
    public void Stop(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        if (!_process.WaitForExit(timeout))
        {
            throw new ServerStartException($"{Name} did not stop within {timeout.TotalSeconds:F0} s of SIGTERM:{Environment.NewLine}{Tail}");
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        ChildProcesses.Remove(this);
        if (_tempDirectory is not null && Directory.Exists(_tempDirectory))
        {
            Directory.Delete(_tempDirectory, recursive: true);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }
}
