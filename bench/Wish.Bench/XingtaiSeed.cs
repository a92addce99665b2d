using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace WeChatWish.Bench;

/// <summary>
/// Issue 18 item 4: a city of Xingtai's size in a database of its own (wechatwish_bench_xingtai, WISH_BENCH_XINGTAI_POSTGRES
/// overrides): 4,800 organisations, 1,170,000 volunteers each in one group, 10,000,000 passbook entries, 1,000,000 wishes with
/// their beneficiaries across the six districts. Binary COPY on one connection with the secondary indexes dropped and made
/// again afterwards, triggers and foreign keys off (session_replication_role = replica), then the per-volunteer totals
/// counted once. A marker row makes later runs reuse it.
/// </summary>
public static class XingtaiSeed
{
    public const int Volunteers = 1_170_000, Entries = 10_000_000, Wishes = 1_000_000;
    private const int Centers = 6, Stations = 96, Teams = 960, Groups = 4_800 - 6 - 96 - 960;
    private static readonly string[] Districts = ["gulou", "xuanwu", "qinhuai", "jianye", "qixia", "jiangning"];

    public static BenchDatabase Database() => BenchDatabase.For("WISH_BENCH_XINGTAI_POSTGRES", "wechatwish_bench_xingtai");

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var db = Database();
        await using (var redis = await BenchRedis.StartAsync())
        await using (var api = await ApiEnvironment.StartAsync(args.RepoRoot, db, redis)) { } // migrates the database
        await SeedAsync(db);
        return 0;
    }

    private static Guid Node(long i) => Guid.Parse($"00000000-0000-4000-8000-{i:x12}");
    public static Guid VolunteerId(long i) => Guid.Parse($"10000000-0000-4000-8000-{i:x12}");

    public static async Task SeedAsync(BenchDatabase db)
    {
        await db.ExecuteAsync("""CREATE TABLE IF NOT EXISTS bench_seed_marker (name text PRIMARY KEY, seeded_at timestamptz NOT NULL, seconds double precision NOT NULL)""");
        var marker = await db.LinesAsync("SELECT seconds::text FROM bench_seed_marker WHERE name = 'xingtai'");
        if (marker.Count > 0)
        {
            Console.WriteLine($"reusing the Xingtai database (seeded once in {double.Parse(marker[0]):F0} s)");
            return;
        }
        var clock = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        async Task Sql(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 3600 };
            await command.ExecuteNonQueryAsync();
        }
        string[] tables = ["Organisations", "OrganisationMemberships", "Volunteers", "ServiceRecordEntries", "Beneficiaries", "Wishes", "VolunteerMinuteTotals", "VolunteerYearMinutes", "VolunteerDistrictCounts", "WishCountSummaries", "MinuteSummaries", "OrganisationSubtreeMembers"];
        await Sql("""TRUNCATE "OrganisationMemberships", "Organisations", "ServiceRecordEntries", "Claims", "Volunteers", "Wishes", "Beneficiaries", "VolunteerMinuteTotals", "VolunteerYearMinutes", "VolunteerDistrictCounts", "WishCountSummaries", "MinuteSummaries", "OrganisationSubtreeMembers", "VolunteerClaimTotals", "VolunteerYearClaims", "ActiveVolunteerCounts" CASCADE""");
        await Sql("SET session_replication_role = replica; SET maintenance_work_mem = '256MB'");
        // Secondary indexes (not the keys) go and come back after the load: building one is far cheaper than maintaining it per row.
        var indexes = new List<(string Name, string Definition)>();
        await using (var command = new NpgsqlCommand("""
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = 'public' AND i.tablename = ANY(@tables)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """, connection))
        {
            command.Parameters.AddWithValue("tables", tables);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        // An interrupted seed has dropped them already: their definitions were kept in bench_seed_indexes.
        await Sql("CREATE TABLE IF NOT EXISTS bench_seed_indexes (name text PRIMARY KEY, definition text NOT NULL)");
        foreach (var (name, definition) in indexes)
        {
            await using var keep = new NpgsqlCommand("INSERT INTO bench_seed_indexes VALUES (@n, @d) ON CONFLICT DO NOTHING", connection);
            keep.Parameters.AddWithValue("n", name);
            keep.Parameters.AddWithValue("d", definition);
            await keep.ExecuteNonQueryAsync();
        }
        indexes.Clear();
        await using (var kept = new NpgsqlCommand("SELECT name, definition FROM bench_seed_indexes", connection))
        await using (var reader = await kept.ExecuteReaderAsync())
            while (await reader.ReadAsync()) indexes.Add((reader.GetString(0), reader.GetString(1)));
        foreach (var (name, _) in indexes) await Sql($"DROP INDEX IF EXISTS \"{name}\"");
        Console.WriteLine($"  dropped {indexes.Count} secondary indexes");

        var now = DateTimeOffset.UtcNow;
        // The tree: centers, stations, teams, groups; a node's path is its parent's plus its own id.
        var nodes = new List<(Guid Id, string Name, string Level, Guid? Parent, string District, string Path)>();
        string PathPart(Guid id) => id.ToString("N") + "/";
        for (var c = 0; c < Centers; c++) nodes.Add((Node(c + 1), Districts[c] + "志愿者中心", "Center", null, Districts[c], PathPart(Node(c + 1))));
        for (var s = 0; s < Stations; s++) { var p = nodes[s % Centers]; nodes.Add((Node(100 + s), "服务站" + s, "Station", p.Id, p.District, p.Path + PathPart(Node(100 + s)))); }
        for (var t = 0; t < Teams; t++) { var p = nodes[Centers + t % Stations]; nodes.Add((Node(1000 + t), "服务队" + t, "Team", p.Id, p.District, p.Path + PathPart(Node(1000 + t)))); }
        for (var g = 0; g < Groups; g++) { var p = nodes[Centers + Stations + g % Teams]; nodes.Add((Node(10000 + g), "服务组" + g, "Group", p.Id, p.District, p.Path + PathPart(Node(10000 + g)))); }
        await using (var copy = await connection.BeginBinaryImportAsync("""COPY "Organisations" ("Id", "Name", "Level", "ParentId", "DistrictCode", "Path", "CreatedBy", "CreatedAt") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var n in nodes)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(n.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(n.Name, NpgsqlDbType.Varchar);
                await copy.WriteAsync(n.Level, NpgsqlDbType.Varchar);
                if (n.Parent is { } parent) await copy.WriteAsync(parent, NpgsqlDbType.Uuid); else await copy.WriteNullAsync();
                await copy.WriteAsync(n.District, NpgsqlDbType.Varchar);
                await copy.WriteAsync(n.Path, NpgsqlDbType.Varchar);
                await copy.WriteAsync("System:bench", NpgsqlDbType.Varchar);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }
        Console.WriteLine($"  {nodes.Count} organisations: {clock.Elapsed.TotalSeconds:F0} s");

        var epoch = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var copy = await connection.BeginBinaryImportAsync("""COPY "Volunteers" ("Id", "OpenId", "Name", "Gender", "BirthYear", "PoliticalStatus", "Phone", "Specialties", "DistrictCode", "CreatedAt", "UpdatedAt") FROM STDIN (FORMAT BINARY)"""))
        {
            var none = Array.Empty<string>();
            for (long i = 1; i <= Volunteers; i++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(VolunteerId(i), NpgsqlDbType.Uuid);
                await copy.WriteAsync("o_xt_" + i, NpgsqlDbType.Varchar);
                await copy.WriteAsync("志愿者" + i, NpgsqlDbType.Varchar);
                await copy.WriteAsync(i % 3 == 0 ? "Male" : "Female", NpgsqlDbType.Varchar);
                await copy.WriteAsync((int)(1950 + i % 55), NpgsqlDbType.Integer);
                await copy.WriteAsync(i % 7 == 0 ? "PartyMember" : "Masses", NpgsqlDbType.Varchar);
                await copy.WriteAsync("13" + i.ToString("D9"), NpgsqlDbType.Varchar);
                await copy.WriteAsync(none, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await copy.WriteAsync(Districts[i % 6], NpgsqlDbType.Varchar);
                await copy.WriteAsync(epoch.AddMinutes(i), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }
        Console.WriteLine($"  {Volunteers} volunteers: {clock.Elapsed.TotalSeconds:F0} s");

        // One group each (about 313 a group, every 50th still pending); volunteer 200·k leads the k-th node by path.
        await using (var copy = await connection.BeginBinaryImportAsync("""COPY "OrganisationMemberships" ("OrganisationId", "VolunteerId", "Status", "IsLeader", "AppliedAt", "DecidedAt", "DecidedBy") FROM STDIN (FORMAT BINARY)"""))
        {
            var leaders = nodes.OrderBy(n => n.Path, StringComparer.Ordinal).Select((n, k) => (n.Id, Volunteer: (long)(k + 1) * 200)).ToList();
            var led = leaders.ToDictionary(l => l.Volunteer, l => l.Id);
            for (long i = 1; i <= Volunteers; i++)
            {
                var group = Node(10000 + i % Groups);
                var rows = led.TryGetValue(i, out var node) && node != group ? new[] { (group, false), (node, true) } : [(group, led.ContainsKey(i))];
                foreach (var (organisation, leader) in rows)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(organisation, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(VolunteerId(i), NpgsqlDbType.Uuid);
                    await copy.WriteAsync(leader || i % 50 != 0 ? "Approved" : "Pending", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(leader, NpgsqlDbType.Boolean);
                    await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync("System:bench", NpgsqlDbType.Varchar);
                }
            }
            await copy.CompleteAsync();
        }
        Console.WriteLine($"  memberships: {clock.Elapsed.TotalSeconds:F0} s");

        // 10,000,000 lines over 2026: about 8.5 a volunteer, one in twenty still waiting for confirmation.
        var year = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var copy = await connection.BeginBinaryImportAsync("""COPY "ServiceRecordEntries" ("Id", "VolunteerId", "At", "Place", "Content", "Minutes", "Witness", "IsFinal", "FinalAt") FROM STDIN (FORMAT BINARY)"""))
        {
            for (long k = 0; k < Entries; k++)
            {
                var at = year.AddMinutes(k * 31 % (330 * 24 * 60));
                var final = k % 20 != 0;
                await copy.StartRowAsync();
                await copy.WriteAsync(Guid.CreateVersion7(at), NpgsqlDbType.Uuid);
                await copy.WriteAsync(VolunteerId(k * 7919 % Volunteers + 1), NpgsqlDbType.Uuid);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync("社区服务站", NpgsqlDbType.Varchar);
                await copy.WriteAsync("志愿服务", NpgsqlDbType.Varchar);
                await copy.WriteAsync((int)(30 + k % 8 * 30), NpgsqlDbType.Integer);
                await copy.WriteAsync("组织者", NpgsqlDbType.Varchar);
                await copy.WriteAsync(final, NpgsqlDbType.Boolean);
                if (final) await copy.WriteAsync(at.AddDays(3), NpgsqlDbType.TimestampTz); else await copy.WriteNullAsync();
                if (k % 1_000_000 == 999_999) Console.WriteLine($"    {k + 1:N0} entries: {clock.Elapsed.TotalSeconds:F0} s");
            }
            await copy.CompleteAsync();
        }
        Console.WriteLine($"  {Entries} passbook entries: {clock.Elapsed.TotalSeconds:F0} s");

        // Wishes with a beneficiary each, the status mix of a programme in its third year: mostly done, a tenth open.
        string[] statuses = ["Confirmed", "Confirmed", "Confirmed", "Confirmed", "Confirmed", "Fulfilled", "Claimed", "Published", "Submitted", "Rejected", "Verified", "Withdrawn",
                             "Confirmed", "Confirmed", "Claimed", "Published", "Confirmed", "Fulfilled", "Confirmed", "Published"];
        string[] categories = ["ElderlyAlone", "Disabled", "LeftBehindChild", "PoorHousehold"];
        await using (var copy = await connection.BeginBinaryImportAsync("""COPY "Beneficiaries" ("Id", "Name", "Phone", "Address", "DistrictCode", "CreatedAt") FROM STDIN (FORMAT BINARY)"""))
        {
            for (long i = 1; i <= Wishes; i++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(Guid.Parse($"20000000-0000-4000-8000-{i:x12}"), NpgsqlDbType.Uuid);
                await copy.WriteAsync("王受助" + i, NpgsqlDbType.Varchar);
                await copy.WriteAsync("139" + i.ToString("D8"), NpgsqlDbType.Varchar);
                await copy.WriteAsync(Districts[i % 6] + "幸福路" + i + "号", NpgsqlDbType.Varchar);
                await copy.WriteAsync(Districts[i % 6], NpgsqlDbType.Varchar);
                await copy.WriteAsync(epoch.AddMinutes(i * 2), NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync("""COPY "Wishes" ("Id", "Code", "Round", "Status", "Channel", "Category", "Kind", "DistrictCode", "Content", "MaskedContent", "EstimatedCost", "Urgency", "Flags", "BeneficiaryId", "CreatedAt", "SubmittedAt", "SubmittedBy", "VerifiedAt", "VerifiedBy", "PublishedAt") FROM STDIN (FORMAT BINARY)"""))
        {
            for (long i = 1; i <= Wishes; i++)
            {
                var status = statuses[i % statuses.Length];
                var created = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMonths((int)(i % 24)).AddMinutes(i % 40_000);
                var verified = status is not ("Submitted" or "Rejected");
                var published = verified && status != "Verified";
                await copy.StartRowAsync();
                await copy.WriteAsync(Guid.Parse($"30000000-0000-4000-8000-{i:x12}"), NpgsqlDbType.Uuid);
                // Rounds are yyyyMM: 24 months of 2025 and 2026, about 41,700 wishes a month.
                var round = (int)(202501 + (i % 24) / 12 * 100 + (i % 24) % 12);
                await copy.WriteAsync($"W{round}-{i / 24 + 1:D5}", NpgsqlDbType.Varchar);
                await copy.WriteAsync(round, NpgsqlDbType.Integer);
                await copy.WriteAsync(status, NpgsqlDbType.Varchar);
                await copy.WriteAsync(i % 3 == 0 ? "WeChat" : "Hotline", NpgsqlDbType.Varchar);
                await copy.WriteAsync(categories[i % 4], NpgsqlDbType.Varchar);
                await copy.WriteAsync(i % 5 == 0 ? "Service" : "Goods", NpgsqlDbType.Varchar);
                await copy.WriteAsync(Districts[i % 6], NpgsqlDbType.Varchar);
                await copy.WriteAsync("想要一个电暖器", NpgsqlDbType.Varchar);
                await copy.WriteAsync("想要一个电暖器", NpgsqlDbType.Varchar);
                await copy.WriteAsync(50m + i % 20 * 10, NpgsqlDbType.Numeric);
                await copy.WriteAsync((int)(i % 3), NpgsqlDbType.Integer);
                await copy.WriteAsync(0, NpgsqlDbType.Integer);
                await copy.WriteAsync(Guid.Parse($"20000000-0000-4000-8000-{i:x12}"), NpgsqlDbType.Uuid);
                await copy.WriteAsync(created, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(created, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync("System:bench", NpgsqlDbType.Varchar);
                if (verified) await copy.WriteAsync(created.AddDays(1), NpgsqlDbType.TimestampTz); else await copy.WriteNullAsync();
                if (verified) await copy.WriteAsync("System:bench", NpgsqlDbType.Varchar); else await copy.WriteNullAsync();
                if (published) await copy.WriteAsync(created.AddDays(2), NpgsqlDbType.TimestampTz); else await copy.WriteNullAsync();
            }
            await copy.CompleteAsync();
        }
        Console.WriteLine($"  {Wishes} wishes and beneficiaries: {clock.Elapsed.TotalSeconds:F0} s");

        await Sql("""
            INSERT INTO "VolunteerMinuteTotals" ("VolunteerId", "FinalMinutes", "PendingMinutes")
            SELECT "VolunteerId", COALESCE(sum("Minutes") FILTER (WHERE "IsFinal"), 0), COALESCE(sum("Minutes") FILTER (WHERE NOT "IsFinal"), 0)
            FROM "ServiceRecordEntries" GROUP BY "VolunteerId"
            """);
        // The triggers are off for the load, so the list's counts and the export's years are counted as migration VolunteerListIndexes does.
        await Sql("""
            INSERT INTO "VolunteerDistrictCounts" ("DistrictCode", "Slot", "Count")
            SELECT COALESCE("DistrictCode", ''), 0, count(*) FROM "Volunteers" WHERE "Name" IS NOT NULL GROUP BY 1;
            INSERT INTO "VolunteerYearMinutes" ("VolunteerId", "Year", "FinalMinutes")
            SELECT "VolunteerId", date_part('year', "At" AT TIME ZONE 'UTC' + interval '8 hours')::int, sum("Minutes")
            FROM "ServiceRecordEntries" WHERE "IsFinal" GROUP BY 1, 2
            """);
        // Likewise the statistics' summaries (migration StatsSummaries) and the organisations' subtree rows (OrganisationCounters);
        // the seed has no claims, so the claim totals and active volunteers stay empty as they should.
        await Sql("""
            INSERT INTO "WishCountSummaries" ("Round", "Status", "DistrictCode", "Category", "Slot", "Wishes", "EstimatedCost")
            SELECT "Round", "Status", "DistrictCode", "Category", 0, count(*), sum("EstimatedCost")
            FROM "Wishes" GROUP BY "Round", "Status", "DistrictCode", "Category";
            INSERT INTO "MinuteSummaries" ("Month", "DistrictCode", "IsFinal", "Slot", "Minutes")
            SELECT stats_china_month(e."At"), COALESCE(v."DistrictCode", ''), e."IsFinal", 0, sum(e."Minutes")
            FROM "ServiceRecordEntries" e JOIN "Volunteers" v ON v."Id" = e."VolunteerId"
            GROUP BY 1, 2, 3;
            INSERT INTO "OrganisationSubtreeMembers"
                ("OrganisationId", "VolunteerId", "Approved", "Pending", "Leaderships", "FinalMinutes", "ActiveClaims", "FulfilledClaims")
            SELECT substr(o."Path", (k - 1) * 33 + 1, 32)::uuid, m."VolunteerId",
                   count(*) FILTER (WHERE m."Status" = 'Approved'), count(*) FILTER (WHERE m."Status" = 'Pending'),
                   count(*) FILTER (WHERE m."IsLeader"), COALESCE(max(t."FinalMinutes"), 0), 0, 0
            FROM "OrganisationMemberships" m
            JOIN "Organisations" o ON o."Id" = m."OrganisationId"
            CROSS JOIN generate_series(1, length(o."Path") / 33) k
            LEFT JOIN "VolunteerMinuteTotals" t ON t."VolunteerId" = m."VolunteerId"
            WHERE m."Status" IN ('Approved', 'Pending') OR m."IsLeader"
            GROUP BY 1, 2
            ORDER BY 1, 2
            """);
        Console.WriteLine($"  per-volunteer totals: {clock.Elapsed.TotalSeconds:F0} s");
        foreach (var (name, definition) in indexes) await Sql(definition);
        Console.WriteLine($"  {indexes.Count} indexes made again: {clock.Elapsed.TotalSeconds:F0} s");
        await Sql("SET session_replication_role = DEFAULT; DROP TABLE bench_seed_indexes");
        foreach (var table in tables) await Sql($"VACUUM ANALYZE \"{table}\"");
        Console.WriteLine($"seeded in {clock.Elapsed.TotalSeconds:F0} s");
        await using (var command = new NpgsqlCommand("INSERT INTO bench_seed_marker VALUES ('xingtai', now(), @s)", connection))
        {
            command.Parameters.AddWithValue("s", clock.Elapsed.TotalSeconds);
            await command.ExecuteNonQueryAsync();
        }
    }
}
