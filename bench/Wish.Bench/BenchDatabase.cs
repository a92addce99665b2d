using Npgsql;

namespace WeChatWish.Bench;

/// <summary>A PostgreSQL database of one benchmark's own, seeded with plain SQL (the API has already migrated it).</summary>
public sealed class BenchDatabase(string connectionString)
{
    public string ConnectionString { get; } = connectionString;

    /// <summary>
    /// The database named after the benchmark unless <paramref name="variable"/> names another connection string. Statements are
    /// auto-prepared, as a deployment should: PostgreSQL then plans the browse query once per connection, not on every call
    /// (EXPLAIN shows planning taking as long as executing).
    /// </summary>
    public static BenchDatabase For(string variable, string database) => new(Environment.GetEnvironmentVariable(variable)
        ?? $"Host=127.0.0.1;Port=5432;Database={database};Username=postgres;Password=postgres;Maximum Pool Size=20;Max Auto Prepare=20");

    public string Name => new NpgsqlConnectionStringBuilder(ConnectionString).Database!;

    /// <summary>A copy of this database under the target's name (CREATE DATABASE ... TEMPLATE: nobody may be connected to this one).</summary>
    public async Task CopyToAsync(BenchDatabase target)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres" };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{target.Name}\" TEMPLATE \"{Name}\"", connection) { CommandTimeout = 900 };
        await command.ExecuteNonQueryAsync();
    }

    public async Task DropAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        var name = builder.Database!;
        builder.Database = "postgres";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
        // FORCE ended this process's own pooled connections to it too: a run that drops the database twice (claims.sh's two
        // designs) would otherwise pick up a dead one.
        await using var pooled = new NpgsqlConnection(ConnectionString);
        NpgsqlConnection.ClearPool(pooled);
    }

    public async Task<bool> ExistsAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        var name = builder.Database!;
        builder.Database = "postgres";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync() is not null;
    }

    public async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 900 };
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 900 };
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<List<string>> LinesAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 900 };
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetValue(0).ToString()!);
        return lines;
    }

    /// <summary>Volunteers with complete profiles (claiming needs one), ids from gen_random_uuid.</summary>
    public async Task<List<Guid>> SeedVolunteersAsync(int count, string prefix, string district = "gulou")
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO "Volunteers" ("Id", "OpenId", "Name", "Gender", "BirthYear", "PoliticalStatus", "Phone", "Specialties",
                                      "DistrictCode", "CreatedAt", "UpdatedAt")
            SELECT gen_random_uuid(), @prefix || i, '李志愿' || i, 'Female', 1990, 'Masses', '137' || lpad(i::text, 8, '0'), '{}',
                   @district, now(), now()
            FROM generate_series(1, @count) AS i
            RETURNING "Id"
            """, connection);
        command.Parameters.AddWithValue("prefix", prefix);
        command.Parameters.AddWithValue("district", district);
        command.Parameters.AddWithValue("count", count);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids;
    }

    /// <summary>Published wishes, each with a beneficiary of its own; codes W{round}-{first..}.</summary>
    public async Task<List<Guid>> SeedPublishedWishesAsync(int count, int round, int firstSequence)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            WITH b AS (
                INSERT INTO "Beneficiaries" ("Id", "Name", "Phone", "Address", "DistrictCode", "CreatedAt")
                SELECT gen_random_uuid(), '王受助' || i, '139' || lpad((@first + i)::text, 8, '0'), '鼓楼区幸福路' || i || '号', 'gulou', now()
                FROM generate_series(0, @count - 1) AS i
                RETURNING "Id", "Name"
            )
            INSERT INTO "Wishes" ("Id", "Code", "Round", "Status", "Channel", "Category", "Kind", "DistrictCode", "Content",
                                  "EstimatedCost", "Urgency", "Flags", "BeneficiaryId", "CreatedAt", "SubmittedAt", "SubmittedBy",
                                  "VerifiedAt", "VerifiedBy", "PublishedAt", "Photos")
            SELECT gen_random_uuid(), 'W' || @round || '-' || lpad((@first + row_number() OVER ())::text, 4, '0'), @round, 'Published',
                   'Hotline', 'ElderlyAlone', 'Goods', 'gulou', '想要一个电暖器', 120, 0, 0, b."Id", now(), now(), 'System:bench',
                   now(), 'System:bench', now(), '[]'
            FROM b
            RETURNING "Id"
            """, connection);
        command.Parameters.AddWithValue("count", count);
        command.Parameters.AddWithValue("round", round);
        command.Parameters.AddWithValue("first", firstSequence - 1);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids;
    }
}
