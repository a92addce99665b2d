using System.Diagnostics;

namespace WeChatWish.Bench;

public sealed record LoadResult(int Requests, int Errors, TimeSpan Elapsed, double[] LatenciesMs)
{
    public double PerSecond => Requests / Elapsed.TotalSeconds;
    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0) return double.NaN;
        var index = (int)Math.Ceiling(p / 100 * LatenciesMs.Length) - 1;
        return LatenciesMs[Math.Clamp(index, 0, LatenciesMs.Length - 1)];
    }

    public override string ToString() =>
        $"{PerSecond,9:F0}/s  p50 {Percentile(50),7:F2} ms  p99 {Percentile(99),7:F2} ms  ({Requests} requests, {Errors} errors, {Elapsed.TotalSeconds:F1} s)";
}

/// <summary>A load measurement and the CPU time the server spent on each of its requests.</summary>
public sealed record ServerLoad(LoadResult Load, TimeSpan CpuPerRequest);

/// <summary>HTTP load from this process: closed loop for throughput, open loop (fixed rate) for latency.</summary>
public static class Load
{
    public static HttpClient Client(Uri baseAddress, int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseProxy = false,
    }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary><paramref name="connections"/> workers send back to back for <paramref name="duration"/>.</summary>
    public static async Task<LoadResult> ClosedLoopAsync(HttpClient client, int connections, TimeSpan duration,
        Func<int, HttpRequestMessage> request, Func<HttpResponseMessage, Task<bool>>? check = null)
    {
        var latencies = new List<double>[connections];
        var errors = 0;
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async worker =>
        {
            var mine = latencies[worker] = new List<double>(100_000);
            while (watch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await SendAsync(client, request(Interlocked.Increment(ref next)), check);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!ok) Interlocked.Increment(ref errors);
            }
        }));
        return Result(latencies.SelectMany(l => l), errors, watch.Elapsed);
    }

    /// <summary>
    /// Sends at a fixed <paramref name="rate"/> whatever the answers take; latency counts from the scheduled send,
    /// so a stall shows in the figures instead of slowing the sender down.
    /// </summary>
    public static async Task<LoadResult> OpenLoopAsync(HttpClient client, int rate, TimeSpan duration,
        Func<int, HttpRequestMessage> request, Func<HttpResponseMessage, Task<bool>>? check = null)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var latencies = new double[total];
        var errors = 0;
        var inflight = new List<Task>(total);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var scheduled = TimeSpan.FromSeconds((double)i / rate);
            var wait = scheduled - watch.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            var index = i;
            inflight.Add(Task.Run(async () =>
            {
                var ok = await SendAsync(client, request(index), check);
                latencies[index] = (watch.Elapsed - scheduled).TotalMilliseconds;
                if (!ok) Interlocked.Increment(ref errors);
            }));
        }
        await Task.WhenAll(inflight);
        return Result(latencies, errors, watch.Elapsed);
    }

    /// <summary>Runs <paramref name="measure"/> and returns its result with the CPU time <paramref name="server"/> spent per request.</summary>
    public static async Task<ServerLoad> OnServerAsync(ServerProcess server, Func<Task<LoadResult>> measure)
    {
        var cpuBefore = server.CpuTime;
        var load = await measure();
        return new ServerLoad(load, (server.CpuTime - cpuBefore) / load.Requests);
    }

    private static async Task<bool> SendAsync(HttpClient client, HttpRequestMessage request, Func<HttpResponseMessage, Task<bool>>? check)
    {
        try
        {
            using var response = await client.SendAsync(request);
            if (check is not null) return await check(response);
            await response.Content.ReadAsByteArrayAsync();
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        finally
        {
            request.Dispose();
        }
    }

    private static LoadResult Result(IEnumerable<double> latencies, int errors, TimeSpan elapsed)
    {
        var sorted = latencies.ToArray();
        Array.Sort(sorted);
        return new LoadResult(sorted.Length, errors, elapsed, sorted);
    }
}
