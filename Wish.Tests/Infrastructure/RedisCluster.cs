using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace WeChatWish.Tests.Infrastructure;

/// <summary>Which Redis a fixture runs against: one server, or a three-master Redis Cluster (deploy/redis-cluster.sh).</summary>
public enum RedisTopology
{
    Single,
    Cluster,
}

/// <summary>A Redis the tests own and may stop and restart: <see cref="RedisServer"/> or <see cref="RedisCluster"/>.</summary>
public interface ITestRedis
{
    /// <summary>The nodes, "127.0.0.1:port[,127.0.0.1:port…]", for a configuration with options of a test's own.</summary>
    string Endpoints { get; }

    /// <summary>A StackExchange.Redis configuration string that fails fast when Redis is down.</summary>
    string ConnectionString { get; }

    Task StopAsync();

    Task RestartAsync();
}

/// <summary>
/// A throwaway three-master Redis Cluster on free loopback ports, started by deploy/redis-cluster.sh exactly as an operator
/// starts one (so the script is tested too). Stop keeps the cluster's layout and a restart rejoins it, as after an outage.
/// </summary>
public sealed class RedisCluster : ITestRedis, IAsyncDisposable
{
    private readonly string _dir;
    private readonly int[] _ports;

    private RedisCluster(int[] ports, string dir)
    {
        _ports = ports;
        _dir = dir;
    }

    public string Endpoints => string.Join(",", _ports.Select(p => $"127.0.0.1:{p}"));

    public string ConnectionString => Endpoints + ",abortConnect=false,connectTimeout=1000,syncTimeout=1000,asyncTimeout=1000";

    public static async Task<RedisCluster> StartAsync()
    {
        var cluster = new RedisCluster(FreePorts(3), Directory.CreateTempSubdirectory("wish-redis-cluster-").FullName);
        await cluster.RunAsync("start");
        return cluster;
    }

    public Task StopAsync() => RunAsync("stop");

    public async Task RestartAsync()
    {
        await RunAsync("stop");
        await RunAsync("start");
    }

    public async ValueTask DisposeAsync() => await RunAsync("purge");

    private async Task RunAsync(string action)
    {
        var result = await Script.RunAsync("deploy/redis-cluster.sh", [action, _dir],
            new Dictionary<string, string?> { ["WISH_REDIS_CLUSTER_PORTS"] = string.Join(" ", _ports) }, TimeSpan.FromSeconds(60));
        if (result.ExitCode != 0) throw new InvalidOperationException($"deploy/redis-cluster.sh {action}: {result}");
    }

    /// <summary>Ports whose cluster bus port (port + 10000) is free as well, below the ephemeral range's collisions.</summary>
    private static int[] FreePorts(int count)
    {
        var ports = new List<int>();
        while (ports.Count < count)
        {
            var port = Random.Shared.Next(20_000, 30_000);
            if (!ports.Contains(port) && IsFree(port) && IsFree(port + 10_000)) ports.Add(port);
        }
        return [.. ports];
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

/// <summary>What tests do to whichever Redis they run against: empty it, count the scripts it ran.</summary>
public static class TestRedis
{
    /// <summary>Empties every primary: FLUSHALL is per node, and a cluster's keys are spread over three.</summary>
    public static async Task FlushAsync(ITestRedis redis)
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        foreach (var server in admin.GetServers().Where(s => !s.IsReplica)) await server.FlushAllDatabasesAsync();
    }

    /// <summary>EVAL and EVALSHA calls so far, summed over every primary.</summary>
    public static async Task<long> ScriptCallsAsync(ITestRedis redis)
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        long total = 0;
        foreach (var server in admin.GetServers().Where(s => !s.IsReplica))
        {
            var stats = await server.InfoAsync("commandstats");
            total += stats.SelectMany(g => g).Where(kv => kv.Key is "cmdstat_eval" or "cmdstat_evalsha")
                .Sum(kv => long.Parse(kv.Value.Split(',')[0].Split('=')[1]));
        }
        return total;
    }

    /// <summary>Keys on every primary.</summary>
    public static async Task<long> KeyCountAsync(ITestRedis redis)
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        long total = 0;
        foreach (var server in admin.GetServers().Where(s => !s.IsReplica)) total += await server.DatabaseSizeAsync();
        return total;
    }
}
