using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace WeChatWish.Bench;

/// <summary>
/// Issue 15's sign-up storm: three Release instances of Wish.Api, 1,000 signed-in volunteers signing up at once for 20 shifts
/// of 10 places (50 to a shift), three times over on fresh shifts and volunteers. Prints for each storm the confirmed count (must
/// be 200), waitlisted (800), sign-ups/s and p50/p99 of all answers, beside the hello endpoint's requests/s measured in the same
/// run; then checks the database: no shift over capacity, each waiting line numbered 1..40 without gaps.
/// </summary>
public static class SignUpStormBenchmark
{
    private const int VolunteerCount = 1000;
    private const int ShiftCount = 20;
    private const int Places = 10;
    private const int InstanceCount = 3;
    private const int StormCount = 3;
    private const int WarmCount = 300;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var hello = await HelloBenchmark.MeasureAsync(args.Connections, TimeSpan.FromSeconds(args.Seconds));
        var db = BenchDatabase.For("WISH_BENCH_SIGNUPS_POSTGRES", "wechatwish_bench_signups");
        await db.DropAsync();
        await using var redis = await BenchRedis.StartAsync();
        var apis = new List<ServerProcess> { await ApiEnvironment.StartAsync(args.RepoRoot, db, redis) };
        apis.AddRange(await Task.WhenAll(Enumerable.Range(1, InstanceCount - 1).Select(_ => ApiEnvironment.StartAsync(args.RepoRoot, db, redis))));
        try
        {
            using var client = Load.Client(apis[0].BaseAddress, args.Connections);
            Console.WriteLine("warming up every instance (sign-ups on shifts of their own)...");
            var warmShifts = await SeedShiftsAsync(db, WarmCount, 1, dayOffset: 30);
            var warmers = Tokens(await db.SeedVolunteersAsync(WarmCount, "o_warm_"));
            await Task.WhenAll(Enumerable.Range(0, WarmCount).Select(async i =>
            {
                using var response = await client.SendAsync(SignUp(apis[i % InstanceCount], warmShifts[i], warmers[i]));
            }));

            var storms = new List<StormResult>();
            var stormShifts = new List<Guid>();
            for (var k = 0; k < StormCount; k++)
            {
                var shifts = await SeedShiftsAsync(db, ShiftCount, Places, dayOffset: 1 + k);
                var tokens = Tokens(await db.SeedVolunteersAsync(VolunteerCount, $"o_signup{k}_"));
                stormShifts.AddRange(shifts);
                await Task.Delay(TimeSpan.FromSeconds(1));
                storms.Add(await StormAsync(client, apis, shifts, tokens, args.Connections));
            }

            var over = await db.ScalarAsync<long>("""SELECT count(*) FROM "Shifts" WHERE "Confirmed" > "Capacity" """);
            var confirmedRows = await db.ScalarAsync<long>("""
                SELECT count(*) FROM "SignUps" WHERE "Status" = 'Confirmed' AND "ShiftId" = ANY(@ids)
                """, ("ids", stormShifts.ToArray()));
            var brokenLines = await db.ScalarAsync<long>("""
                SELECT count(*) FROM (
                    SELECT "ShiftId" FROM "SignUps" WHERE "Status" = 'Waitlisted' AND "ShiftId" = ANY(@ids) GROUP BY "ShiftId"
                    HAVING min("WaitNumber") <> 1 OR max("WaitNumber") <> count(*) OR count(DISTINCT "WaitNumber") <> count(*)) b
                """, ("ids", stormShifts.ToArray()));
            return Report(hello, storms, over, confirmedRows, brokenLines, args);
        }
        finally
        {
            foreach (var api in apis) await api.DisposeAsync();
        }
    }

    private sealed record Answer(HttpStatusCode Status, double Milliseconds, string? Body);

    private sealed record StormResult(IReadOnlyList<Answer> Answers, TimeSpan Elapsed);

    private static async Task<StormResult> StormAsync(HttpClient client, List<ServerProcess> apis, List<Guid> shifts,
        AuthenticationHeaderValue[] tokens, int connections)
    {
        var answers = new Answer[tokens.Length];
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < tokens.Length)
            {
                var started = Stopwatch.GetTimestamp();
                var status = HttpStatusCode.ServiceUnavailable;
                string? body = null;
                try
                {
                    using var response = await client.SendAsync(SignUp(apis[i % InstanceCount], shifts[i % shifts.Count], tokens[i]));
                    body = await response.Content.ReadAsStringAsync();
                    status = response.StatusCode;
                }
                catch (HttpRequestException) { }
                answers[i] = new Answer(status, Stopwatch.GetElapsedTime(started).TotalMilliseconds, body);
            }
        }));
        return new StormResult(answers, watch.Elapsed);
    }

    private static int Report(HelloBenchmark.HelloResult hello, List<StormResult> storms, long over, long confirmedRows, long brokenLines, BenchArgs args)
    {
        Console.WriteLine();
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {ClaimStormBenchmark.LoadAverage()}; load generator, 3 API instances, PostgreSQL and Redis share them");
        Console.WriteLine($"hello endpoint, {args.Connections} connections:   {hello.Load}");
        var ok = true;
        var rates = new List<double>();
        var p99s = new List<double>();
        for (var k = 0; k < storms.Count; k++)
        {
            var s = storms[k];
            var created = s.Answers.Where(a => a.Status == HttpStatusCode.Created).ToList();
            var confirmed = created.Count(a => a.Body!.Contains("\"confirmed\"", StringComparison.Ordinal));
            var waitlisted = created.Count(a => a.Body!.Contains("\"waitlisted\"", StringComparison.Ordinal));
            var others = s.Answers.Where(a => a.Status != HttpStatusCode.Created).GroupBy(a => (int)a.Status).Select(g => $"{g.Key}×{g.Count()}").ToList();
            var ms = s.Answers.Select(a => a.Milliseconds).Order().ToArray();
            var rate = s.Answers.Count / s.Elapsed.TotalSeconds;
            rates.Add(rate);
            p99s.Add(P(ms, 99));
            Console.WriteLine($"storm {k + 1}: {s.Answers.Count} sign-ups on {ShiftCount} shifts of {Places} in {s.Elapsed.TotalSeconds:F2} s = {rate:F0} sign-ups/s " +
                $"(ratio to hello {rate / hello.Load.PerSecond:F3}); confirmed {confirmed} (must be {ShiftCount * Places}), waitlisted {waitlisted}; " +
                $"all answers p50 {P(ms, 50):F1} / p99 {P(ms, 99):F1} ms; other answers: {(others.Count == 0 ? "none" : string.Join(", ", others))}");
            ok &= confirmed == ShiftCount * Places && waitlisted == VolunteerCount - ShiftCount * Places && others.Count == 0;
        }
        Console.WriteLine($"over {storms.Count} storms: sign-ups/s median {Median(rates.Order().ToArray()):F0} (lowest {rates.Min():F0}, highest {rates.Max():F0}); " +
            $"p99 median {Median(p99s.Order().ToArray()):F1} ms (best {p99s.Min():F1}, worst {p99s.Max():F1})");
        Console.WriteLine($"database: {confirmedRows} confirmed sign-ups on {ShiftCount * storms.Count} storm shifts (must be {ShiftCount * Places * storms.Count}); " +
            $"shifts over capacity anywhere: {over}; waiting lines not numbered 1..n: {brokenLines}");
        ok &= over == 0 && brokenLines == 0 && confirmedRows == ShiftCount * Places * storms.Count;
        Console.WriteLine(ok ? "result: every shift filled to capacity exactly, the rest waiting in line" : "result: FAILED — see the counts above");
        return ok ? 0 : 1;
    }

    /// <summary>One published activity with <paramref name="count"/> consecutive two-hour shifts, <paramref name="dayOffset"/> days on.</summary>
    private static async Task<List<Guid>> SeedShiftsAsync(BenchDatabase db, int count, int capacity, int dayOffset)
    {
        var activity = Guid.NewGuid();
        await db.ExecuteAsync("""
            INSERT INTO "Activities" ("Id", "Title", "Content", "ServiceKind", "DistrictCode", "Place", "Status", "CreatedBy", "CreatedAt",
                                      "PublishedAt", "StartsAt", "EndsAt")
            VALUES (@id, '社区义诊', '量血压', 'HealthCare', 'gulou', '幸福社区', 'Published', 'System:bench', now(), now(),
                    now() + make_interval(days => @day), now() + make_interval(days => @day, hours => 2 * @count))
            """, ("id", activity), ("day", dayOffset), ("count", count));
        var ids = await db.LinesAsync("""
            INSERT INTO "Shifts" ("Id", "ActivityId", "StartsAt", "EndsAt", "Capacity", "Confirmed", "Waitlisted", "LastWaitNumber")
            SELECT gen_random_uuid(), @id, now() + make_interval(days => @day, hours => 2 * i), now() + make_interval(days => @day, hours => 2 * i + 2),
                   @capacity, 0, 0, 0
            FROM generate_series(0, @count - 1) AS i
            RETURNING "Id"
            """, ("id", activity), ("day", dayOffset), ("count", count), ("capacity", capacity));
        return ids.Select(Guid.Parse).ToList();
    }

    private static AuthenticationHeaderValue[] Tokens(List<Guid> volunteers) =>
        volunteers.Select(v => new AuthenticationHeaderValue("Bearer", VolunteerTokens.Mint(v, ApiEnvironment.SigningKey))).ToArray();

    private static HttpRequestMessage SignUp(ServerProcess api, Guid shift, AuthenticationHeaderValue token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(api.BaseAddress, $"/api/activities/shifts/{shift}/signup"));
        request.Headers.Authorization = token;
        return request;
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;

    private static double P(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
