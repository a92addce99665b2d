using Npgsql;
using Respawn;
using StackExchange.Redis;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests;

/// <summary>
/// Shared for the whole run: one Redis of the tests' own, one host whose start applies the migrations
/// once, and a Respawn checkpoint that empties the database between HTTP tests.
/// </summary>
[SetUpFixture]
public sealed class TestRun
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static RedisServer? _redis;
    private static RedisCluster? _cluster;
    private static WishApiFactory? _api;
    private static Respawner? _respawner;

    public static async Task<RedisServer> RedisAsync()
    {
        await Gate.WaitAsync();
        try { return _redis ??= await RedisServer.StartAsync(); }
        finally { Gate.Release(); }
    }

    /// <summary>The shared three-master Redis Cluster, started on first use (most runs use it only in a few fixtures).</summary>
    public static async Task<RedisCluster> ClusterAsync()
    {
        await Gate.WaitAsync();
        try { return _cluster ??= await RedisCluster.StartAsync(); }
        finally { Gate.Release(); }
    }

    public static async Task<ITestRedis> RedisAsync(RedisTopology topology) =>
        topology == RedisTopology.Cluster ? await ClusterAsync() : await RedisAsync();

    /// <summary>The shared host, started (and the database migrated) on first use.</summary>
    public static async Task<WishApiFactory> ApiAsync()
    {
        var redis = await RedisAsync();
        await Gate.WaitAsync();
        try
        {
            if (_api is null)
            {
                var api = new WishApiFactory(redis.ConnectionString);
                api.CreateClient().Dispose();
                _api = api;
            }
            return _api;
        }
        finally { Gate.Release(); }
    }

    /// <summary>Empties every table but the migrations history, re-seeds, and flushes the tests' Redis.</summary>
    public static async Task ResetAsync()
    {
        var api = await ApiAsync();
        await using (var connection = new NpgsqlConnection(TestEnvironment.PostgresConnectionString))
        {
            await connection.OpenAsync();
            _respawner ??= await Respawner.CreateAsync(connection, new RespawnerOptions
            {
                DbAdapter = DbAdapter.Postgres,
                SchemasToInclude = ["public"],
                TablesToIgnore = ["__EFMigrationsHistory"],
            });
            await _respawner.ResetAsync(connection);
        }
        await TestSeed.SeedAsync(api.Services);

        var redis = await RedisAsync();
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        await admin.GetServer(admin.GetEndPoints()[0]).FlushAllDatabasesAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_api is not null) await _api.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}
