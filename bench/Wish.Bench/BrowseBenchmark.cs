using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace WeChatWish.Bench;

/// <summary>
/// Issue 5's browse figures: a Release Wish.Api over 1,000,000 wishes (bulk-inserted with INSERT ... SELECT generate_series,
/// kept between runs), the first page filtered by district and category at a fixed rate (p50/p99), its throughput, and the
/// PostgreSQL plan of that query with the indexes it uses.
/// </summary>
public static partial class BrowseBenchmark
{
    private const int WishTotal = 1_000_000;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var duration = TimeSpan.FromSeconds(args.Seconds);
        var db = BenchDatabase.For("WISH_BENCH_BROWSE_POSTGRES", "wechatwish_bench_browse");
        await using var redis = await BenchRedis.StartAsync();
        await using var api = await ApiEnvironment.StartAsync(args.RepoRoot, db, redis);
        await BrowseSeed.EnsureAsync(db, WishTotal);
        var (district, category) = await FilterAsync(db);
        var targetUrl = $"/api/wishes?districtCode={district}&category={SnakeCase(category)}";
        Console.WriteLine($"filtered first page: {targetUrl}");

        var volunteer = (await db.SeedVolunteersAsync(1, $"o_browse_{Guid.NewGuid():N}"[..24]))[0];
        var token = VolunteerTokens.Mint(volunteer, ApiEnvironment.SigningKey);
        using var client = Load.Client(api.BaseAddress, args.Connections);
        HttpRequestMessage Get(string url)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return request;
        }
        static async Task<bool> FullPage(HttpResponseMessage r) =>
            r.StatusCode == HttpStatusCode.OK && CountItems(await r.Content.ReadAsStringAsync()) == 20;

        using (var first = await client.SendAsync(Get(targetUrl)))
        {
            var body = await first.Content.ReadAsStringAsync();
            if (!first.IsSuccessStatusCode || CountItems(body) != 20)
                throw new InvalidOperationException($"first page did not come back full: {(int)first.StatusCode} {body[..Math.Min(300, body.Length)]}");
        }

        // Long enough for tiered compilation to settle, so the figures are of optimised code.
        await Load.ClosedLoopAsync(client, 8, TimeSpan.FromSeconds(10), _ => Get(targetUrl), FullPage);
        await Load.ClosedLoopAsync(client, 8, TimeSpan.FromSeconds(3), _ => Get("/api/wishes"), FullPage);
        var open = await Load.OpenLoopAsync(client, args.Rate, duration, _ => Get(targetUrl), FullPage);
        var (closed, cpuPerRequest) = await Load.OnServerAsync(api, () => Load.ClosedLoopAsync(client, args.Connections, duration, _ => Get(targetUrl), FullPage));
        var ownFirst = await Load.OpenLoopAsync(client, args.Rate, duration, _ => Get("/api/wishes"), FullPage);

        Console.WriteLine();
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {ClaimStormBenchmark.LoadAverage()}; load generator, API and PostgreSQL share them");
        Console.WriteLine($"connection string: {System.Text.RegularExpressions.Regex.Replace(db.ConnectionString, "Password=[^;]*", "Password=***")}");
        Console.WriteLine($"data: {await db.ScalarAsync<long>("SELECT count(*) FROM \"Wishes\"")} wishes, " +
                          $"{await db.ScalarAsync<long>("SELECT count(*) FROM \"Wishes\" WHERE \"Status\" = 'Published'")} published, " +
                          $"{await db.ScalarAsync<long>($"SELECT count(*) FROM \"Wishes\" WHERE \"Status\" = 'Published' AND \"DistrictCode\" = '{district}' AND \"Category\" = '{category}'")} of them {district} + {SnakeCase(category)}");
        Console.WriteLine($"first page, district + category, at {args.Rate}/s:          {open}");
        Console.WriteLine($"first page, district + category, {args.Connections} connections:   {closed}; API CPU {cpuPerRequest.TotalMilliseconds:F3} ms/request");
        Console.WriteLine($"first page, own district first (no filter), at {args.Rate}/s: {ownFirst}");
        Console.WriteLine($"p99 of the filtered first page at {args.Rate}/s: {open.Percentile(99):F2} ms (target <= 15 ms)");
        Console.WriteLine();
        Console.WriteLine("plan of the filtered first page (the SQL EF Core sends, parameters inlined):");
        var plan = await db.LinesAsync("EXPLAIN (ANALYZE, BUFFERS) " + BrowseSeed.FirstPageSql(district, category));
        foreach (var line in plan) Console.WriteLine("  " + line);
        var indexes = plan.SelectMany(l => IndexName().Matches(l).Select(m => m.Groups[1].Value)).Distinct().ToList();
        Console.WriteLine($"indexes used: {string.Join(", ", indexes)}; sequential scans: {plan.Count(l => l.Contains("Seq Scan"))}; sorts: {plan.Count(l => l.Contains("Sort"))}");
        return open.Errors + closed.Errors + ownFirst.Errors == 0 ? 0 : 1;
    }

    /// <summary>
    /// Gulou's lonely elderly on the browse seed; on another seed (WISH_BENCH_BROWSE_POSTGRES pointing at the Xingtai database, whose
    /// open wishes fall in three districts and one category) the district and category with the most published wishes, so the
    /// first page is full.
    /// </summary>
    private static async Task<(string District, string Category)> FilterAsync(BenchDatabase db)
    {
        if (await db.ScalarAsync<long>("""SELECT count(*) FROM (SELECT 1 FROM "Wishes" WHERE "Status" = 'Published' AND "DistrictCode" = 'gulou' AND "Category" = 'ElderlyAlone' LIMIT 21) x""") >= 21)
            return ("gulou", "ElderlyAlone");
        var top = await db.LinesAsync("""
            SELECT "DistrictCode" || ' ' || "Category" FROM "Wishes" WHERE "Status" = 'Published'
            GROUP BY "DistrictCode", "Category" ORDER BY count(*) DESC LIMIT 1
            """);
        var parts = top.Single().Split(' ');
        return (parts[0], parts[1]);
    }

    private static string SnakeCase(string name) => Regex.Replace(name, "(?<!^)([A-Z])", "_$1").ToLowerInvariant();

    private static int CountItems(string body) => Regex.Matches(body, "\"code\":").Count;

    [GeneratedRegex(@"using (""?[A-Za-z_]+""?)")]
    private static partial Regex IndexName();
}
