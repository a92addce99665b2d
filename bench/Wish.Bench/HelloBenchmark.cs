namespace Wish.Bench;

/// <summary>The reference figure: requests/s of the minimal hello endpoint, measured in the same run as the feature under test.</summary>
public static class HelloBenchmark
{
    public static async Task<LoadResult> MeasureAsync(int connections, TimeSpan duration)
    {
        var port = ServerProcess.FreePort();
        await using var hello = await ServerProcess.StartAsync(typeof(HelloServer).Assembly.Location, ["hello", "--port", port.ToString()],
            new Dictionary<string, string>(), port);
        using var client = Load.Client(hello.BaseAddress, connections);
        HttpRequestMessage Get(int _) => new(HttpMethod.Get, "/hello");
        await Load.ClosedLoopAsync(client, connections, TimeSpan.FromSeconds(2), Get);
        return await Load.ClosedLoopAsync(client, connections, duration, Get);
    }
}
