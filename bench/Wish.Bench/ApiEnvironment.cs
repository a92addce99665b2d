namespace WeChatWish.Bench;

/// <summary>Settings for a Release Wish.Api started by a benchmark: its own database, loopback Redis, quiet logs.</summary>
public static class ApiEnvironment
{
    public const string SigningKey = "bench-signing-key-0123456789-0123456789-0123456789";

    /// <summary>A Release Wish.Api on a bench database and Redis of its own, with the lease job off (the benchmarks time claims alone).</summary>
    public static Task<ServerProcess> StartAsync(string repo, BenchDatabase db, BenchRedis redis, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = ServerProcess.FreePort();
        var env = For(port);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) env[key] = value;
        env["ConnectionStrings__Postgres"] = db.ConnectionString;
        env["ConnectionStrings__Redis"] = redis.ConnectionString;
        env["ClaimLeases__Enabled"] = "false";
        return ServerProcess.StartApiAsync(repo, env, port);
    }

    public static Dictionary<string, string> For(int port) => new()
    {
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ConnectionStrings__Postgres"] = Environment.GetEnvironmentVariable("WISH_BENCH_POSTGRES")
            ?? "Host=127.0.0.1;Port=5432;Database=wechatwish_bench;Username=postgres;Password=postgres;Maximum Pool Size=200",
        ["ConnectionStrings__Redis"] = Environment.GetEnvironmentVariable("WISH_BENCH_REDIS") ?? "127.0.0.1:6379,defaultDatabase=1",
        ["Database__InitializeOnStartup"] = "true",
        ["Jwt__SigningKey"] = SigningKey,
        ["WeChat__OfficialAccount__AppId"] = "wxbench000000001",
        ["WeChat__OfficialAccount__AppSecret"] = "bench-secret",
        ["WeChat__OfficialAccount__Token"] = "benchtoken",
        ["WeChat__OfficialAccount__EncodingAESKey"] = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
        ["WeChat__MiniProgram__AppId"] = "wxbenchminiprog01",
        ["WeChat__MiniProgram__AppSecret"] = "bench-mp-secret",
        ["Seed__AdminPassword"] = "Bench-Admin-Password-1",
        ["Logging__LogLevel__Default"] = "Warning",
        // Off for every bench but the notification one, which turns it on: a dispatcher on a shared bench database claims its rows.
        ["Notifications__DispatcherEnabled"] = "false",
        // The round jobs would roll the browse bench's 900,000 published wishes from past rounds into this month every 30 s:
        // a one-off migration a real programme never meets, which took the API's CPU and put 100-300 ms spikes into the figures.
        ["StaffJobs__Enabled"] = "false",
    };
}
