using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace WeChatWish.Bench;

/// <summary>
/// Issue 16's Xingtai figures: 4,800 organisations (6 centers, 96 stations, 960 teams, 3,738 groups) and 1,170,000 volunteers,
/// each an approved member of one group, with two final passbook entries each and a leader on every node; bulk-inserted once
/// into wechatwish_bench_orgs and kept between runs. Measured on a Release Wish.Api: a team leader's member list (first page of
/// the team and its groups) and a station's statistics, p50/p99 over a closed loop, and the plans of their heaviest queries.
/// </summary>
public static class OrganisationBenchmark
{
    private const int Volunteers = 1_170_000;
    private const int Centers = 6, StationsPerCenter = 16, TeamsPerStation = 10, Groups = 4_800 - 6 - 96 - 960;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var db = BenchDatabase.For("WISH_BENCH_ORGS_POSTGRES", "wechatwish_bench_orgs");
        await using var redis = await BenchRedis.StartAsync();
        await using var api = await ApiEnvironment.StartAsync(args.RepoRoot, db, redis);
        await SeedAsync(db);

        // A team and a station in the middle of the tree, with the volunteers who lead them.
        var team = await db.ScalarAsync<Guid>("""SELECT "Id" FROM "Organisations" WHERE "Level" = 'Team' ORDER BY "Path" OFFSET 480 LIMIT 1""");
        var station = await db.ScalarAsync<Guid>("""SELECT "Id" FROM "Organisations" WHERE "Level" = 'Station' ORDER BY "Path" OFFSET 48 LIMIT 1""");
        var teamLeader = await db.ScalarAsync<Guid>("""SELECT "VolunteerId" FROM "OrganisationMemberships" WHERE "OrganisationId" = @id AND "IsLeader" LIMIT 1""", ("id", team));
        var stationLeader = await db.ScalarAsync<Guid>("""SELECT "VolunteerId" FROM "OrganisationMemberships" WHERE "OrganisationId" = @id AND "IsLeader" LIMIT 1""", ("id", station));
        var teamToken = VolunteerTokens.Mint(teamLeader, ApiEnvironment.SigningKey);
        var stationToken = VolunteerTokens.Mint(stationLeader, ApiEnvironment.SigningKey);

        using var client = Load.Client(api.BaseAddress, args.Connections);
        HttpRequestMessage Get(string url, string token)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return request;
        }
        static Task<bool> Ok(HttpResponseMessage r) => Task.FromResult(r.StatusCode == HttpStatusCode.OK);
        var members = $"/api/organisations/{team}/members?pageSize=50";
        var stats = $"/api/organisations/{station}/stats";
        foreach (var (url, token) in new[] { (members, teamToken), (stats, stationToken) })
        {
            using var first = await client.SendAsync(Get(url, token));
            var body = await first.Content.ReadAsStringAsync();
            if (!first.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)first.StatusCode} {body[..Math.Min(300, body.Length)]}");
            Console.WriteLine($"{url} → {body[..Math.Min(240, body.Length)]}");
        }

        var duration = TimeSpan.FromSeconds(args.Seconds);
        await Load.ClosedLoopAsync(client, 4, TimeSpan.FromSeconds(5), _ => Get(members, teamToken), Ok);
        await Load.ClosedLoopAsync(client, 4, TimeSpan.FromSeconds(5), _ => Get(stats, stationToken), Ok);
        var memberLoad = await Load.ClosedLoopAsync(client, args.Connections, duration, _ => Get(members, teamToken), Ok);
        var statsLoad = await Load.ClosedLoopAsync(client, args.Connections, duration, _ => Get(stats, stationToken), Ok);

        Console.WriteLine();
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {ClaimStormBenchmark.LoadAverage()}; load generator, API and PostgreSQL share them");
        Console.WriteLine($"data: {await db.ScalarAsync<long>("SELECT count(*) FROM \"Organisations\"")} organisations, " +
                          $"{await db.ScalarAsync<long>("SELECT count(*) FROM \"Volunteers\"")} volunteers, " +
                          $"{await db.ScalarAsync<long>("SELECT count(*) FROM \"OrganisationMemberships\"")} memberships, " +
                          $"{await db.ScalarAsync<long>("SELECT count(*) FROM \"ServiceRecordEntries\"")} passbook entries");
        var teamSize = await db.ScalarAsync<long>("""
            SELECT count(*) FROM "OrganisationMemberships" m JOIN "Organisations" o ON o."Id" = m."OrganisationId"
            WHERE o."Path" LIKE (SELECT "Path" FROM "Organisations" WHERE "Id" = @id) || '%'
            """, ("id", team));
        var stationSize = await db.ScalarAsync<long>("""
            SELECT count(*) FROM "OrganisationMemberships" m JOIN "Organisations" o ON o."Id" = m."OrganisationId"
            WHERE o."Path" LIKE (SELECT "Path" FROM "Organisations" WHERE "Id" = @id) || '%'
            """, ("id", station));
        Console.WriteLine($"team leader's member list ({teamSize} memberships in the team's subtree), {args.Connections} connections: {memberLoad}");
        Console.WriteLine($"station statistics ({stationSize} memberships in the station's subtree), {args.Connections} connections:   {statsLoad}");
        Console.WriteLine($"p99: member list {memberLoad.Percentile(99):F1} ms, station statistics {statsLoad.Percentile(99):F1} ms (target <= 100 ms)");
        Console.WriteLine();
        Console.WriteLine("plan of the station's figures (its kept subtree rows, migration OrganisationCounters):");
        foreach (var line in await db.LinesAsync("""
            EXPLAIN (ANALYZE, BUFFERS)
            SELECT count(*) FILTER (WHERE "Approved" > 0), sum("Pending"), count(*) FILTER (WHERE "Leaderships" > 0),
                   sum(CASE WHEN "Approved" > 0 THEN "FinalMinutes" ELSE 0 END), sum(CASE WHEN "Approved" > 0 THEN "ActiveClaims" ELSE 0 END),
                   sum(CASE WHEN "Approved" > 0 THEN "FulfilledClaims" ELSE 0 END)
            FROM "OrganisationSubtreeMembers" WHERE "OrganisationId" = @id
            """, ("id", station))) Console.WriteLine("  " + line);
        return memberLoad.Errors + statsLoad.Errors == 0 ? 0 : 1;
    }

    /// <summary>The tree, the volunteers, one membership each and two final entries each; skipped when already there.</summary>
    private static async Task SeedAsync(BenchDatabase db)
    {
        var existing = await db.ScalarAsync<long>("SELECT count(*) FROM \"OrganisationMemberships\"");
        if (existing >= Volunteers)
        {
            Console.WriteLine($"reusing {existing} memberships already in the organisations database");
            return;
        }
        Console.WriteLine($"inserting 4,800 organisations and {Volunteers} volunteers (once; later runs reuse them)...");
        var clock = Stopwatch.StartNew();
        await db.ExecuteAsync("""TRUNCATE "OrganisationMemberships", "Organisations", "ServiceRecordEntries", "Claims", "Volunteers" CASCADE""");
        // Ids are made from numbers so the tree can be built level by level in SQL: a node's path is its parent's plus its own id.
        await db.ExecuteAsync("""
            CREATE OR REPLACE FUNCTION pg_temp.node(i bigint) RETURNS uuid LANGUAGE sql IMMUTABLE AS
              $$ SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid $$;
            INSERT INTO "Organisations" ("Id", "Name", "Level", "ParentId", "DistrictCode", "Path", "CreatedBy", "CreatedAt")
            SELECT pg_temp.node(c), d || '志愿者中心', 'Center', NULL, d, replace(pg_temp.node(c)::text, '-', '') || '/', 'System:bench', now()
            FROM unnest(ARRAY['gulou','xuanwu','qinhuai','jianye','qixia','jiangning']) WITH ORDINALITY AS t(d, c);
            INSERT INTO "Organisations" ("Id", "Name", "Level", "ParentId", "DistrictCode", "Path", "CreatedBy", "CreatedAt")
            SELECT pg_temp.node(100 + s), '服务站' || s, 'Station', p."Id", p."DistrictCode", p."Path" || replace(pg_temp.node(100 + s)::text, '-', '') || '/', 'System:bench', now()
            FROM generate_series(0, @stations - 1) AS s JOIN "Organisations" p ON p."Id" = pg_temp.node(s % @centers + 1);
            INSERT INTO "Organisations" ("Id", "Name", "Level", "ParentId", "DistrictCode", "Path", "CreatedBy", "CreatedAt")
            SELECT pg_temp.node(1000 + t), '服务队' || t, 'Team', p."Id", p."DistrictCode", p."Path" || replace(pg_temp.node(1000 + t)::text, '-', '') || '/', 'System:bench', now()
            FROM generate_series(0, @teams - 1) AS t JOIN "Organisations" p ON p."Id" = pg_temp.node(100 + t % @stations);
            INSERT INTO "Organisations" ("Id", "Name", "Level", "ParentId", "DistrictCode", "Path", "CreatedBy", "CreatedAt")
            SELECT pg_temp.node(10000 + g), '服务组' || g, 'Group', p."Id", p."DistrictCode", p."Path" || replace(pg_temp.node(10000 + g)::text, '-', '') || '/', 'System:bench', now()
            FROM generate_series(0, @groups - 1) AS g JOIN "Organisations" p ON p."Id" = pg_temp.node(1000 + g % @teams);
            """, ("stations", Centers * StationsPerCenter), ("centers", Centers), ("teams", Centers * StationsPerCenter * TeamsPerStation), ("groups", Groups));
        Console.WriteLine($"  organisations: {clock.Elapsed.TotalSeconds:F0} s");
        await db.ExecuteAsync("""
            INSERT INTO "Volunteers" ("Id", "OpenId", "Name", "Gender", "BirthYear", "PoliticalStatus", "Phone", "Specialties",
                                      "DistrictCode", "CreatedAt", "UpdatedAt")
            SELECT ('10000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'o_xt_' || i, '志愿者' || i, 'Female', 1960 + i % 45, 'Masses',
                   '13' || lpad(i::text, 9, '0'), '{}', (ARRAY['gulou','xuanwu','qinhuai','jianye','qixia','jiangning'])[i % 6 + 1],
                   timestamptz '2020-01-01 00:00:00+00' + i * interval '1 minute', now()
            FROM generate_series(1, @n) AS i
            """, ("n", Volunteers));
        Console.WriteLine($"  volunteers: {clock.Elapsed.TotalSeconds:F0} s");
        // Each volunteer in one group (about 313 a group); the first 4,800 volunteers also lead one node each.
        await db.ExecuteAsync("""
            INSERT INTO "OrganisationMemberships" ("OrganisationId", "VolunteerId", "Status", "IsLeader", "AppliedAt", "DecidedAt", "DecidedBy")
            SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(10000 + i % @groups), 12, '0'))::uuid,
                   ('10000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
                   CASE WHEN i % 50 = 0 THEN 'Pending' ELSE 'Approved' END, false, now(), now(), 'System:bench'
            FROM generate_series(1, @n) AS i;
            INSERT INTO "OrganisationMemberships" ("OrganisationId", "VolunteerId", "Status", "IsLeader", "AppliedAt", "DecidedAt", "DecidedBy")
            SELECT o."Id", ('10000000-0000-4000-8000-' || lpad(to_hex(row_number() OVER (ORDER BY o."Path") * 200), 12, '0'))::uuid,
                   'Approved', true, now(), now(), 'System:bench'
            FROM "Organisations" o
            ON CONFLICT DO NOTHING;
            """, ("n", Volunteers), ("groups", Groups));
        Console.WriteLine($"  memberships: {clock.Elapsed.TotalSeconds:F0} s");
        await db.ExecuteAsync("""
            INSERT INTO "ServiceRecordEntries" ("Id", "VolunteerId", "At", "Place", "Content", "Minutes", "Witness", "IsFinal", "FinalAt")
            SELECT gen_random_uuid(), ('10000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
                   timestamptz '2026-01-01 00:00:00+00' + (i % 300) * interval '1 day' + k * interval '1 hour', '社区', '志愿服务', 60 + (i % 4) * 30,
                   '组织者', true, now()
            FROM generate_series(1, @n) AS i, generate_series(1, 2) AS k
            """, ("n", Volunteers));
        Console.WriteLine($"  passbook entries: {clock.Elapsed.TotalSeconds:F0} s");
        foreach (var table in new[] { "Organisations", "OrganisationMemberships", "Volunteers", "ServiceRecordEntries" })
            await db.ExecuteAsync($"VACUUM ANALYZE \"{table}\"");
        Console.WriteLine($"inserted in {clock.Elapsed.TotalSeconds:F0} s");
    }
}
