using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace WeChatWish.Bench;

/// <summary>
/// Issue 5's claim storm: three Release instances of Wish.Api behind one client, 1,000 signed-in volunteers making 5,000
/// claim attempts on 30 published wishes, five times over on fresh wishes and volunteers. Prints for each storm winners (must
/// be 30), losers, claims/s, p50/p99 of each and the ratio of loser rejections/s to the hello endpoint's requests/s measured
/// in the same run, then the median and spread over the storms; then checks the database. All of it twice: through the Redis
/// gate, and with the gate off (every claim to the database, as designs without a fast path do), then both side by side.
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
        var hello = await HelloBenchmark.MeasureAsync(args.Connections, TimeSpan.FromSeconds(args.Seconds));
        // The same storms twice in one run: through the Redis gate, then with it off (Claims:Gate=false), so every claim goes to
        // the database as in a design without a fast path; fresh database, Redis and instances for each.
        Console.WriteLine("== design 1 of 2: the Redis gate in front of the database (this service) ==");
        var gate = await MeasureDesignAsync(args, gateOn: true);
        Console.WriteLine("== design 2 of 2: the database alone (Claims:Gate=false) ==");
        var databaseOnly = await MeasureDesignAsync(args, gateOn: false);

        var okGate = Report("Redis gate", hello, gate, args);
        var okDatabase = Report("database only", hello, databaseOnly, args);
        Compare(gate, databaseOnly);
        return okGate && okDatabase ? 0 : 1;
    }

    private sealed record DesignResult(List<StormResult> Storms, LoadResult Sustained, LoadResult Single, double CpuPerRejection,
        double[] Solo, long Doubled, long ClaimedStormWishes);

    private static async Task<DesignResult> MeasureDesignAsync(BenchArgs args, bool gateOn)
    {
        var duration = TimeSpan.FromSeconds(args.Seconds);
        var db = BenchDatabase.For("WISH_BENCH_CLAIMS_POSTGRES", "wechatwish_bench_claims");
        await db.DropAsync();
        await using var redis = await BenchRedis.StartAsync();
        var settings = new Dictionary<string, string> { ["Claims__Gate"] = gateOn ? "true" : "false" };
        var apis = new List<ServerProcess> { await ApiEnvironment.StartAsync(args.RepoRoot, db, redis, settings) };
        apis.AddRange(await Task.WhenAll(Enumerable.Range(1, InstanceCount - 1).Select(_ => ApiEnvironment.StartAsync(args.RepoRoot, db, redis, settings))));
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
            return new DesignResult(storms, sustained, single, cpuPerRejection, solo.Order().ToArray(), doubled, claimedStormWishes);
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

    private static bool Report(string design, HelloBenchmark.HelloResult hello, DesignResult result, BenchArgs args)
    {
        var (storms, sustained, single, cpuPerRejection, solo, doubled, claimedStormWishes) =
            (result.Storms, result.Sustained, result.Single, result.CpuPerRejection, result.Solo, result.Doubled, result.ClaimedStormWishes);
        var figures = storms.Select(StormFigures.Of).ToList();
        double Ratio(StormFigures f) => f.RejectionsPerSecond / hello.Load.PerSecond;

        Console.WriteLine();
        Console.WriteLine($"---- {design} ----");
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
            $"(best {winnerP99s[0]:F1}, worst {winnerP99s[^1]:F1}; the 50 ms goal is withdrawn for this machine, printed as before)");
        Console.WriteLine($"sustained rejections over {args.Seconds} s (every wish taken): {sustained}; ratio to hello {sustained.PerSecond / hello.Load.PerSecond:F2}");
        Console.WriteLine($"sustained rejections on one instance alone:              {single}; ratio to hello {single.PerSecond / hello.Load.PerSecond:F2}");
        Console.WriteLine($"  API CPU per rejection (3 instances together): {cpuPerRejection:F3} ms; hello's CPU per request over it: {hello.CpuMsPerRequest / cpuPerRejection:F2}");
        Console.WriteLine($"claims one at a time with nothing else running ({solo.Length}): p50 {P(solo, 50):F2} ms  p99 {P(solo, 99):F2} ms");
        Console.WriteLine($"database: {claimedStormWishes} of {WishCount * figures.Count} storm wishes hold an active claim; wishes with more than one active claim: {doubled}");
        var ok = figures.All(f => f.Winners == WishCount && f.Others.Count == 0) && claimedStormWishes == WishCount * figures.Count && doubled == 0;
        Console.WriteLine(ok ? $"result ({design}): exactly one winner per wish in every storm" : $"result ({design}): FAILED — see the counts above");
        return ok;
    }

    /// <summary>Issue 18's goals, as ratios within this one run: the gate's loser rejections/s at least 3× the database-only design's, winners' p99 no worse.</summary>
    private static void Compare(DesignResult gate, DesignResult databaseOnly)
    {
        static double MedianOf(IEnumerable<double> values) => Median(values.Order().ToArray());
        var gateFigures = gate.Storms.Select(StormFigures.Of).ToList();
        var dbFigures = databaseOnly.Storms.Select(StormFigures.Of).ToList();
        var gateRejections = MedianOf(gateFigures.Select(f => f.RejectionsPerSecond));
        var dbRejections = MedianOf(dbFigures.Select(f => f.RejectionsPerSecond));
        var gateP99 = MedianOf(gateFigures.Select(f => P(f.WinnerMs, 99)));
        var dbP99 = MedianOf(dbFigures.Select(f => P(f.WinnerMs, 99)));
        var rejectionRatio = gateRejections / dbRejections;
        Console.WriteLine();
        Console.WriteLine("---- side by side (medians over the storms) ----");
        Console.WriteLine($"{"",-34}{"Redis gate",14}{"database only",16}");
        Console.WriteLine($"{"loser rejections/s",-34}{gateRejections,14:F0}{dbRejections,16:F0}");
        Console.WriteLine($"{"losers' p50 ms",-34}{MedianOf(gateFigures.Select(f => P(f.LoserMs, 50))),14:F1}{MedianOf(dbFigures.Select(f => P(f.LoserMs, 50))),16:F1}");
        Console.WriteLine($"{"winners' p50 ms",-34}{MedianOf(gateFigures.Select(f => P(f.WinnerMs, 50))),14:F1}{MedianOf(dbFigures.Select(f => P(f.WinnerMs, 50))),16:F1}");
        Console.WriteLine($"{"winners' p99 ms",-34}{gateP99,14:F1}{dbP99,16:F1}");
        Console.WriteLine($"{"sustained rejections/s (3 instances)",-34}{gate.Sustained.PerSecond,14:F0}{databaseOnly.Sustained.PerSecond,16:F0}");
        Console.WriteLine($"{"API CPU per rejection ms",-34}{gate.CpuPerRejection,14:F3}{databaseOnly.CpuPerRejection,16:F3}");
        Console.WriteLine($"{"wishes with two active claims",-34}{gate.Doubled,14}{databaseOnly.Doubled,16}");
        var fasterRejections = rejectionRatio >= 3;
        var winnersNoWorse = gateP99 <= dbP99;
        Console.WriteLine($"goal: loser rejections/s with the gate >= 3x the database-only design's: {rejectionRatio:F2}x — {(fasterRejections ? "met" : "NOT met")}");
        Console.WriteLine($"goal: winners' p99 with the gate no worse than the database-only design's: {gateP99:F1} vs {dbP99:F1} ms — {(winnersNoWorse ? "met" : "NOT met")}");
        // The goals are reported, not enforced: a figure on two shared cores is not a correctness failure; one winner per wish is.
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
