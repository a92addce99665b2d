using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WeChatWish.Api.Data;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Volunteers;

namespace WeChatWish.Tests.Backups;

/// <summary>
/// deploy/backup.sh and deploy/restore.sh as an operator runs them: a database with wishes, claims and passbook entries is
/// backed up, restored under another name, and a second host started on the restored copy (without migrating it) answers
/// exactly as the first did. Databases of their own (the test database's name + suffix), dropped before and after.
/// </summary>
[NonParallelizable]
public sealed class BackupRestoreTests
{
    private static readonly NpgsqlConnectionStringBuilder TestDatabase = new(TestEnvironment.PostgresConnectionString);
    private static readonly string SourceName = TestDatabase.Database + "_backup_src";
    private static readonly string RestoredName = TestDatabase.Database + "_backup_restored";
    private string _dir = null!;

    [SetUp]
    public async Task DropDatabasesAsync()
    {
        _dir = Directory.CreateTempSubdirectory("wish-backup-").FullName;
        await DropAsync(SourceName);
        await DropAsync(RestoredName);
    }

    [TearDown]
    public async Task CleanUpAsync()
    {
        await DropAsync(SourceName);
        await DropAsync(RestoredName);
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public async Task TheServiceStartsOnARestoredBackupWithTheSameWishesClaimsAndPassbooks()
    {
        var redis = await TestRun.RedisAsync();
        string before;
        Guid[] volunteers;
        await using (var source = Host(SourceName, migrate: true, redis.ConnectionString))
        {
            volunteers = await SeedAsync(source);
            before = await SnapshotAsync(source, volunteers);
        }
        // Whatever is written after the backup is not in it.
        var backup = await BackupAsync();
        await ExecuteAsync(SourceName, """UPDATE "ServiceRecordEntries" SET "Minutes" = "Minutes" + 1""");

        var restore = await Script.RunAsync("deploy/restore.sh", [backup, RestoredName], LibPq());
        Assert.That(restore.ExitCode, Is.Zero, restore.ToString());

        await using var restored = Host(RestoredName, migrate: false, redis.ConnectionString);
        var after = await SnapshotAsync(restored, volunteers);
        Assert.That(after, Is.EqualTo(before));
        Assert.That(after, Does.Contain("完成微心愿").And.Contain("鼓楼区敬老院"), "the snapshot holds the passbook entries");
    }

    [Test]
    public async Task RotationKeepsTheNewestBackupsAndRestoreRefusesToOverwrite()
    {
        await CreateAsync(SourceName);
        await ExecuteAsync(SourceName, "CREATE TABLE kept (n int); INSERT INTO kept VALUES (1)");
        var made = new List<string>();
        for (var i = 0; i < 4; i++) made.Add(await BackupAsync(keep: 2));

        var left = Directory.GetFiles(_dir).Select(Path.GetFileName).Order().ToList();
        Assert.That(left, Is.EqualTo(made.Skip(2).Select(Path.GetFileName).ToList()), "the two newest stay, nothing else");

        await CreateAsync(RestoredName);
        var refused = await Script.RunAsync("deploy/restore.sh", [made[^1], RestoredName], LibPq());
        Assert.That(refused.ExitCode, Is.Not.Zero, refused.ToString());
        Assert.That(refused.Stderr, Does.Contain("exists"));

        var replaced = await Script.RunAsync("deploy/restore.sh", [made[^1], RestoredName, "--replace"], LibPq());
        Assert.That(replaced.ExitCode, Is.Zero, replaced.ToString());
        await using var connection = new NpgsqlConnection(ConnectionString(RestoredName));
        await connection.OpenAsync();
        Assert.That(await new NpgsqlCommand("SELECT n FROM kept", connection).ExecuteScalarAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task AFileThatIsNoBackupIsRefusedAndCreatesNoDatabase()
    {
        var bogus = Path.Combine(_dir, "bogus.dump");
        await File.WriteAllTextAsync(bogus, "not a dump");

        var result = await Script.RunAsync("deploy/restore.sh", [bogus, RestoredName], LibPq());

        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        var exists = await new NpgsqlCommand($"SELECT count(*) FROM pg_database WHERE datname = '{RestoredName}'", connection).ExecuteScalarAsync();
        Assert.That(exists, Is.EqualTo(0L));
    }

    private async Task<string> BackupAsync(int keep = 14)
    {
        var environment = new Dictionary<string, string?>(LibPq()) { ["PGDATABASE"] = SourceName, ["WISH_BACKUP_KEEP"] = keep.ToString() };
        var result = await Script.RunAsync("deploy/backup.sh", [_dir], environment);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var path = result.Stdout.Trim();
        Assert.That(File.Exists(path), Is.True, result.ToString());
        return path;
    }

    /// <summary>Two volunteers: an active claim, a fulfilled one with its provisional passbook entry, staff-recorded service.</summary>
    private static async Task<Guid[]> SeedAsync(WishApiFactory host)
    {
        var volunteers = (await MiniProgramSeed.VolunteersAsync(host.Services, 2)).ToArray();
        var wishes = new List<PublishedWish>();
        for (var i = 0; i < 4; i++) wishes.Add(await MiniProgramSeed.PublishedWishAsync(host.Services));
        using var first = host.CreateVolunteerClient(volunteers[0]);
        using var second = host.CreateVolunteerClient(volunteers[1]);
        await ExpectAsync(await first.PostAsync($"/api/wishes/{wishes[0].Id}/claim", null), 201);
        var fulfilled = await ExpectAsync(await first.PostAsync($"/api/wishes/{wishes[1].Id}/claim", null), 201);
        await ExpectAsync(await first.PostAsJsonAsync($"/api/claims/{fulfilled.GetProperty("id").GetGuid()}/fulfilment",
            new { note = "送到了", minutes = 45 }), 200);
        await ExpectAsync(await second.PostAsync($"/api/wishes/{wishes[2].Id}/claim", null), 201);

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
        
        db.ServiceRecordEntries.Add(ServiceRecordEntry.Record(volunteers[1], DateTimeOffset.UtcNow.AddDays(-3), "鼓楼区敬老院", "陪伴老人", 120, "张老师"));
        await db.SaveChangesAsync();
        return volunteers;
    }

    /// <summary>What the service answers about the data: each volunteer's claims and passbook, the wish list, staff's claim list.</summary>
    private static async Task<string> SnapshotAsync(WishApiFactory host, Guid[] volunteers)
    {
        var parts = new List<string>();
        foreach (var id in volunteers)
        {
            using var client = host.CreateVolunteerClient(id);
            parts.Add(await TextAsync(client, "/api/me/claims"));
            parts.Add(await TextAsync(client, "/api/me/service-record"));
            parts.Add(await TextAsync(client, "/api/wishes?pageSize=50"));
        }
        StaffUser admin;
        await using (var scope = host.Services.CreateAsyncScope())
            admin = await scope.ServiceProvider.GetRequiredService<WishDbContext>().StaffUsers.SingleAsync(s => s.UserName == "admin");
        using var staff = host.CreateStaffClient(admin);
        parts.Add(await TextAsync(staff, "/api/admin/claims?pageSize=50"));
        foreach (var id in volunteers) parts.Add(await TextAsync(staff, $"/api/admin/volunteers/{id}"));
        return string.Join("\n", parts);
    }

    private static async Task<string> TextAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), $"{path}: {text}");
        return path + " " + text;
    }

    private static async Task<JsonElement> ExpectAsync(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(status), text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static WishApiFactory Host(string database, bool migrate, string redis)
    {
        var host = new WishApiFactory(redis, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = ConnectionString(database),
            ["Database:InitializeOnStartup"] = migrate ? "true" : "false",
        });
        host.CreateClient().Dispose();
        return host;
    }

    private static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString) { Database = database, Pooling = false }.ConnectionString;

    private static Dictionary<string, string?> LibPq() => new()
    {
        ["PGHOST"] = TestDatabase.Host,
        ["PGPORT"] = TestDatabase.Port.ToString(),
        ["PGUSER"] = TestDatabase.Username,
        ["PGPASSWORD"] = TestDatabase.Password,
    };

    private static async Task CreateAsync(string database) => await ExecuteAsync("postgres", $"CREATE DATABASE \"{database}\"");

    private static async Task DropAsync(string database) => await ExecuteAsync("postgres", $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await new NpgsqlCommand(sql, connection).ExecuteNonQueryAsync();
    }
}
