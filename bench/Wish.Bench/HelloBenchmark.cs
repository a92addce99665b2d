namespace WeChatWish.Bench;

/// <summary>The reference figure: requests/s of the minimal hello endpoint, measured in the same run as the feature under test.</summary>
public static class HelloBenchmark
{
    public sealed record HelloResult(LoadResult Load, double CpuMsPerRequest);

    public static async Task<HelloResult> MeasureAsync(int connections, TimeSpan duration)
    {
        await using var hello = await StartServerAsync();
        using var client = Load.Client(hello.BaseAddress, connections);
        var uri = new Uri(hello.BaseAddress, "/hello");
        HttpRequestMessage Get(int _) => new(HttpMethod.Get, uri);
        await Load.ClosedLoopAsync(client, connections, TimeSpan.FromSeconds(2), Get);
        var measured = await Load.OnServerAsync(hello, () => Load.ClosedLoopAsync(client, connections, duration, Get));
        return new HelloResult(measured.Load, measured.CpuPerRequest.TotalMilliseconds);
    }

    /// <summary>The hello server alone, on a free loopback port, for a benchmark that measures it its own way.</summary>
    public static Task<ServerProcess> StartServerAsync()
    {
        var port = ServerProcess.FreePort();
        return ServerProcess.StartAsync(typeof(HelloServer).Assembly.Location, ["hello", "--port", port.ToString()],
            new Dictionary<string, string>(), port);
    }
}
