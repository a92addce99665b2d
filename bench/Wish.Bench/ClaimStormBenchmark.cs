using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace WeChatWish.Bench;

/// <summary>
/// Issue 5's claim storm: three Release instances of Wish.Api behind one client, 1,000 signed-in volunteers making 5,000
/// claim attempts on 30 published wishes, five times over on fresh wishes and volunteers. Prints for each storm winners (must
/// be 30), losers, claims/s, p50/p99 of each and the ratio of loser rejections/s to the hello endpoint's requests/s measured
/// in the same run, then the median and spread over the storms; then checks the database.
/// </summary>
public static class ClaimStormBenchmark
{
    private const int VolunteerCount = 1000;
    private const int AttemptCount = 5000;
    private const int WishCount = 30;
    private const int InstanceCount = 3;
    private const int SoloCount = 240;

    // One storm lasts under half a second and its 30 winners all come from its first wave: on two shared cores a single one
    // moved the winners' p99 between 88 and 186 ms from run to run. Several storms, each on wishes and volunteers of its own,
    // give the spread as well as a figure.
    private const int StormCount = 5;
    private const int Round = 202612;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var duration = TimeSpan.FromSeconds(args.Seconds);
        var hello = await HelloBenchmark.MeasureAsync(args.Connections, duration);

        var db = BenchDatabase.For("WISH_BENCH_CLAIMS_POSTGRES", "wechatwish_bench_claims");
        await db.DropAsync();
        await using var redis = await BenchRedis.StartAsync();
        var apis = new List<ServerProcess> { await ApiEnvironment.StartAsync(args.RepoRoot, db, redis) };
        apis.AddRange(await Task.WhenAll(Enumerable.Range(1, InstanceCount - 1).Select(_ => ApiEnvironment.StartAsync(args.RepoRoot, db, redis))));
        try
        {
            Console.WriteLine("seeding volunteers and wishes...");
            var volunteers = await db.SeedVolunteersAsync(VolunteerCount, "o_storm_");
            var warmers = await db.SeedVolunteersAsync(60, "o_warm_");
            var wishes = await db.SeedPublishedWishesAsync(WishCount, Round, 1);
            var warmWishes = await db.SeedPublishedWishesAsync(60, Round, 101);
            var tokens = volunteers.Select(v => Bearer(VolunteerTokens.Mint(v, ApiEnvironment.SigningKey))).ToArray();
            var warmTokens = warmers.Select(v => Bearer(VolunteerTokens.Mint(v, ApiEnvironment.SigningKey))).ToArray();
            // Enough one-at-a-time claims for the database path to reach its final JIT tier too: after 30, SaveChanges alone
            // still took 3–4 ms; after 200, 1–1.5 ms. One claim each, so no volunteer nears the active-claim limit.
            var soloVolunteers = await db.SeedVolunteersAsync(SoloCount, "o_solo_");
            var soloTokens = soloVolunteers.Select(v => Bearer(VolunteerTokens.Mint(v, ApiEnvironment.SigningKey))).ToArray();
            var soloWishes = await db.SeedPublishedWishesAsync(SoloCount, Round, 201);

            using var client = Load.Client(apis[0].BaseAddress, args.Connections);
            await PreflightAsync(client, apis, tokens[0]);
            Console.WriteLine("warming up every instance (claims on separate wishes)...");
            // A burst of winners first, as a launch day's steady traffic would have: it opens each instance's connection pool.
            await Task.WhenAll(warmWishes.Select(async (wish, i) =>
            {
                using var response = await client.SendAsync(Claim(apis[i % InstanceCount], wish, warmTokens[i]));
            }));
            var random = new Random(5);
            // Long enough for tiered compilation to settle on every instance: perf showed the JIT still taking a fifth of the
            // machine's CPU during the measurements after 10 s, three instances sharing two cores with the load generator.
            await Load.ClosedLoopAsync(client, args.Connections, TimeSpan.FromSeconds(30), i =>
                Claim(apis[i % InstanceCount], warmWishes[random.Next(warmWishes.Count)], warmTokens[i % warmTokens.Length]), Accept409);

            // The database path on its own: one claim at a time, nothing else running.
            var solo = new List<double>();
            for (var i = 0; i < soloWishes.Count; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(Claim(apis[i % InstanceCount], soloWishes[i], soloTokens[i]));
                solo.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"solo claim answered {(int)response.StatusCode}");
            }

            Console.WriteLine($"{StormCount} storms, each {AttemptCount} claim attempts on {WishCount} wishes of its own by {VolunteerCount} volunteers of its own, {args.Connections} connections...");
            var storms = new List<StormResult> { await StormAsync(client, apis, wishes, tokens, args.Connections) };
            var stormWishes = new List<Guid>(wishes);
            for (var k = 1; k < StormCount; k++)
            {
                var more = await db.SeedPublishedWishesAsync(WishCount, Round, 1000 + k * 100);
                var crowd = (await db.SeedVolunteersAsync(VolunteerCount, $"o_storm{k}_"))
                    .Select(v => Bearer(VolunteerTokens.Mint(v, ApiEnvironment.SigningKey))).ToArray();
                stormWishes.AddRange(more);
                await Task.Delay(TimeSpan.FromSeconds(1));
                storms.Add(await StormAsync(client, apis, more, crowd, args.Connections));
            }

            var cpuBefore = TimeSpan.FromTicks(apis.Sum(a => a.CpuTime.Ticks));
            var sustained = await Load.ClosedLoopAsync(client, args.Connections, duration, i =>
                Claim(apis[i % InstanceCount], wishes[i % WishCount], tokens[(i * 7) % VolunteerCount]), Accept409);
            var cpuPerRejection = (TimeSpan.FromTicks(apis.Sum(a => a.CpuTime.Ticks)) - cpuBefore).TotalMilliseconds / sustained.Requests;
            // The same load on one instance: three processes on two cores cost more in contention than they add.
            var single = await Load.ClosedLoopAsync(client, args.Connections, duration, i =>
                Claim(apis[0], wishes[i % WishCount], tokens[(i * 7) % VolunteerCount]), Accept409);

            var doubled = await db.ScalarAsync<long>("""
                SELECT count(*) FROM (SELECT "WishId" FROM "Claims" WHERE "Status" = 'Active' GROUP BY "WishId" HAVING count(*) > 1) d
                """);
            var claimedStormWishes = await db.ScalarAsync<long>("""
                SELECT count(DISTINCT c."WishId") FROM "Claims" c WHERE c."Status" = 'Active' AND c."WishId" = ANY(@ids)
                """, ("ids", stormWishes.ToArray()));
            return Report(hello, storms, sustained, single, cpuPerRejection, solo.Order().ToArray(), doubled, claimedStormWishes, args);
        }
        finally
        {
            foreach (var api in apis) await api.DisposeAsync();
        }
    }

    private sealed record Attempt(HttpStatusCode Status, double Milliseconds);

    private sealed record StormResult(IReadOnlyList<Attempt> Attempts, TimeSpan Elapsed);

    private static async Task<StormResult> StormAsync(HttpClient client, List<ServerProcess> apis, List<Guid> wishes,
        AuthenticationHeaderValue[] tokens, int connections)
    {
        var random = new Random(42);
        var plan = Enumerable.Range(0, AttemptCount).Select(i => (Wish: wishes[random.Next(WishCount)], Token: tokens[random.Next(VolunteerCount)])).ToArray();
        var results = new Attempt[AttemptCount];
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < AttemptCount)
            {
                var started = Stopwatch.GetTimestamp();
                var status = HttpStatusCode.ServiceUnavailable;
                try
                {
                    using var response = await client.SendAsync(Claim(apis[i % InstanceCount], plan[i].Wish, plan[i].Token));
                    await response.Content.ReadAsByteArrayAsync();
                    status = response.StatusCode;
                }
                catch (HttpRequestException) { }
                results[i] = new Attempt(status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        return new StormResult(results, watch.Elapsed);
    }

    private sealed record StormFigures(int Winners, double[] WinnerMs, double[] LoserMs, int Repeats, List<string> Others, double Seconds)
    {
        public double RejectionsPerSecond => LoserMs.Length / Seconds;

        public static StormFigures Of(StormResult storm) => new(
            storm.Attempts.Count(a => a.Status == HttpStatusCode.Created),
            storm.Attempts.Where(a => a.Status == HttpStatusCode.Created).Select(a => a.Milliseconds).Order().ToArray(),
            storm.Attempts.Where(a => a.Status == HttpStatusCode.Conflict).Select(a => a.Milliseconds).Order().ToArray(),
            storm.Attempts.Count(a => a.Status == HttpStatusCode.OK),
            storm.Attempts.Where(a => a.Status is not (HttpStatusCode.Created or HttpStatusCode.Conflict or HttpStatusCode.OK))
                .GroupBy(a => (int)a.Status).Select(g => $"{g.Key}×{g.Count()}").ToList(),
            storm.Elapsed.TotalSeconds);
    }

    private static int Report(HelloBenchmark.HelloResult hello, List<StormResult> storms, LoadResult sustained, LoadResult single, double cpuPerRejection,
        double[] solo, long doubled, long claimedStormWishes, BenchArgs args)
    {
        var figures = storms.Select(StormFigures.Of).ToList();
        double Ratio(StormFigures f) => f.RejectionsPerSecond / hello.Load.PerSecond;

        Console.WriteLine();
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}; load generator, 3 API instances, PostgreSQL and Redis share them");
        Console.WriteLine($"hello endpoint, {args.Connections} connections:   {hello.Load}; hello CPU {hello.CpuMsPerRequest:F3} ms/request");
        for (var k = 0; k < figures.Count; k++)
        {
            var f = figures[k];
            Console.WriteLine($"storm {k + 1}: {AttemptCount} attempts in {f.Seconds:F2} s = {AttemptCount / f.Seconds:F0} claims/s; " +
                $"winners {f.Winners} (must be {WishCount}) p50 {P(f.WinnerMs, 50):F1} / p99 {P(f.WinnerMs, 99):F1} ms; " +
                $"losers {f.LoserMs.Length} p50 {P(f.LoserMs, 50):F1} / p99 {P(f.LoserMs, 99):F1} ms; repeats (200) {f.Repeats}; " +
                $"other answers: {(f.Others.Count == 0 ? "none" : string.Join(", ", f.Others))}; rejections/s {f.RejectionsPerSecond:F0}, ratio {Ratio(f):F2}");
        }
        var ratios = figures.Select(Ratio).Order().ToArray();
        var winnerP99s = figures.Select(f => P(f.WinnerMs, 99)).Order().ToArray();
        Console.WriteLine($"over {figures.Count} storms: loser rejections/s over hello requests/s median {Median(ratios):F2} " +
            $"(lowest {ratios[0]:F2}, highest {ratios[^1]:F2}; target >= 0.40)");
        Console.WriteLine($"over {figures.Count} storms: winners' p99 median {Median(winnerP99s):F1} ms " +
            $"(best {winnerP99s[0]:F1}, worst {winnerP99s[^1]:F1}; target <= 50 ms)");
        Console.WriteLine($"sustained rejections over {args.Seconds} s (every wish taken): {sustained}; ratio to hello {sustained.PerSecond / hello.Load.PerSecond:F2}");
        Console.WriteLine($"sustained rejections on one instance alone:              {single}; ratio to hello {single.PerSecond / hello.Load.PerSecond:F2}");
        Console.WriteLine($"  API CPU per rejection (3 instances together): {cpuPerRejection:F3} ms; hello's CPU per request over it: {hello.CpuMsPerRequest / cpuPerRejection:F2}");
        Console.WriteLine($"claims one at a time with nothing else running ({solo.Length}): p50 {P(solo, 50):F2} ms  p99 {P(solo, 99):F2} ms");
        Console.WriteLine($"database: {claimedStormWishes} of {WishCount * figures.Count} storm wishes hold an active claim; wishes with more than one active claim: {doubled}");
        var ok = figures.All(f => f.Winners == WishCount && f.Others.Count == 0) && claimedStormWishes == WishCount * figures.Count && doubled == 0;
        Console.WriteLine(ok ? "result: exactly one winner per wish in every storm" : "result: FAILED — see the counts above");
        return ok ? 0 : 1;
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;

    private static double P(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Uri, Guid), Uri> ClaimUris = new();

    // Targets and headers are built once and shared, so the load generator spends on each claim about what it spends on a hello.
    private static HttpRequestMessage Claim(ServerProcess api, Guid wish, AuthenticationHeaderValue token)
    {
        var uri = ClaimUris.GetOrAdd((api.BaseAddress, wish), key => new Uri(key.Item1, $"/api/wishes/{key.Item2}/claim"));
        var request = new HttpRequestMessage(HttpMethod.Post, uri);
        request.Headers.Authorization = token;
        return request;
    }

    private static Task<bool> Accept409(HttpResponseMessage response) =>
        Task.FromResult(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict or HttpStatusCode.OK);

    private static async Task PreflightAsync(HttpClient client, List<ServerProcess> apis, AuthenticationHeaderValue token)
    {
        foreach (var api in apis)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(api.BaseAddress, "/api/me"));
            request.Headers.Authorization = token;
            using var response = await client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"{api.BaseAddress} refused a minted token: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
