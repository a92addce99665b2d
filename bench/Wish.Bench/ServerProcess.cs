using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace WeChatWish.Bench;

/// <summary>A server the benchmark starts as a process of its own, so load generator and server are measured as deployed.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, int port, System.Collections.Concurrent.ConcurrentQueue<string> output)
    {
        _process = process;
        Port = port;
        Output = output;
    }

    /// <summary>What the server has written to stdout and stderr so far.</summary>
    public IReadOnlyCollection<string> Output { get; }

    public int Port { get; }

    /// <summary>CPU the server has used so far: divided by requests it tells what one request costs.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }
    /// <summary>The server's resident memory now, and its high-water mark (VmHWM on Linux).</summary>
    public long WorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    public long PeakWorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.PeakWorkingSet64;
        }
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public static async Task<ServerProcess> StartAsync(string dll, IEnumerable<string> args, IDictionary<string, string> env, int port)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in env) info.Environment[key] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {dll}");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ServerProcess(process, port, output);
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        // Start-up migrates: on the Xingtai data VolunteerListIndexes' index builds and backfills took about 80 s.
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"{dll} exited:\n{string.Join('\n', output)}");
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{dll} did not become ready:\n{string.Join('\n', output)}");
    }

    /// <summary>The repository's Release Wish.Api, which the bench scripts build first.</summary>
    public static Task<ServerProcess> StartApiAsync(string repo, IDictionary<string, string> env, int port) =>
        StartAsync(Path.Combine(repo, "Wish.Api", "bin", "Release", "net10.0", "Wish.Api.dll"),
            ["--contentRoot", Path.Combine(repo, "Wish.Api")], env, port);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
