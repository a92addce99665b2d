using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace WeChatWish.Bench;

/// <summary>
/// Issue 17's fault injection, driven by deploy/faults.sh against instances behind nginx: for each fault a claim storm on
/// wishes (opened a few at a time over the storm) and volunteers of its own, the fault (a shell command) two seconds in, and a probe timing how long until the service
/// answers again (/health/ready and an authenticated /api/me through nginx). A claim that meets an error or a 5xx is retried by
/// its volunteer, as the mini-program does, until it gets an answer that decides it: 201, 200 (it is already theirs) or 409.
/// Then the database is checked against every answer: no wish with two active claims, a claim row for every 201, and every claim
/// row answered 201 or 200 to its own volunteer. Exits 0 only if all hold and every fault was recovered from within 10 s.
/// </summary>
public static class FaultBenchmark
{
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(45);
    private const int Round = 202612;

    public sealed record Fault(string Name, string Command);

    public static async Task<int> RunAsync(string[] args)
    {
        string Value(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        var baseAddress = new Uri(Value("--base", "http://127.0.0.1:5180"));
        // No pooling: a pooled connection would be one the PostgreSQL restart ended.
        var db = new BenchDatabase(Value("--postgres", Environment.GetEnvironmentVariable("WISH_FAULTS_POSTGRES") ?? "") + ";Pooling=false");
        var signingKey = Environment.GetEnvironmentVariable("Jwt__SigningKey") ?? throw new InvalidOperationException("Jwt__SigningKey is not set");
        var seconds = int.Parse(Value("--seconds", "12"));
        var wishCount = int.Parse(Value("--wishes", "30"));
        var volunteerCount = int.Parse(Value("--volunteers", "300"));
        var connections = int.Parse(Value("--connections", "32"));
        var faults = new List<Fault>();
        foreach (var (name, variable) in new[] { ("kill -9 one instance", "WISH_FAULT_KILL"), ("restart Redis", "WISH_FAULT_REDIS"), ("restart PostgreSQL", "WISH_FAULT_POSTGRES") })
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } command) faults.Add(new Fault(name, command));

        Console.WriteLine($"seeding {faults.Count} × ({wishCount} wishes, {volunteerCount} volunteers)...");
        var phases = new List<(Fault Fault, List<Guid> Wishes, List<Guid> Volunteers)>();
        for (var k = 0; k < faults.Count; k++)
            phases.Add((faults[k], await db.SeedPublishedWishesAsync(wishCount, Round, 5000 + k * 1000),
                await db.SeedVolunteersAsync(volunteerCount, $"o_fault{k}_{Guid.NewGuid():N}_")));
        var probeVolunteer = (await db.SeedVolunteersAsync(1, $"o_probe_{Guid.NewGuid():N}_"))[0];
        var probeToken = new AuthenticationHeaderValue("Bearer", VolunteerTokens.Mint(probeVolunteer, signingKey));

        using var client = Load.Client(baseAddress, connections + 4);
        client.Timeout = TimeSpan.FromSeconds(15);
        var answers = new ConcurrentDictionary<(Guid Wish, Guid Volunteer), ConcurrentQueue<int>>();
        var results = new List<PhaseResult>();
        foreach (var (fault, wishes, volunteers) in phases)
        {
            var tokens = volunteers.ToDictionary(v => v, v => new AuthenticationHeaderValue("Bearer", VolunteerTokens.Mint(v, signingKey)));
            results.Add(await PhaseAsync(client, fault, wishes, volunteers, tokens, probeToken, TimeSpan.FromSeconds(seconds), connections, answers));
            var last = results[^1];
            Console.WriteLine($"{fault.Name}: {last.Attempts} claim requests ({last.Definitive} decided: {last.Created} × 201, {last.Conflicts} × 409, " +
                $"{last.Repeats} × 200; {last.Transient} transient answers retried: {last.TransientDetail}; {last.Unresolved} never decided); " +
                $"service answering again {(last.Recovery is { } r ? $"{r.TotalSeconds:F1} s" : "NEVER")} after the fault");
        }

        var stormWishes = phases.SelectMany(p => p.Wishes).ToArray();
        var rows = await ClaimRowsAsync(db, stormWishes);
        var doubled = await db.ScalarAsync<long>("""
            SELECT count(*) FROM (SELECT "WishId" FROM "Claims" WHERE "Status" = 'Active' AND "WishId" = ANY(@ids)
                                  GROUP BY "WishId" HAVING count(*) > 1) d
            """, ("ids", stormWishes));
        var created = answers.Where(a => a.Value.Contains(201)).Select(a => a.Key).ToHashSet();
        var answeredOwn = answers.Where(a => a.Value.Contains(201) || a.Value.Contains(200)).Select(a => a.Key).ToHashSet();
        var lost = created.Count(pair => !rows.Contains(pair));
        var unanswered = rows.Count(row => !answeredOwn.Contains(row));
        var unresolved = results.Sum(r => r.Unresolved);
        var slow = results.Count(r => r.Recovery is not { } t || t > RecoveryLimit);

        Console.WriteLine();
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {ClaimStormBenchmark.LoadAverage()}");
        Console.WriteLine($"claims answered 201: {created.Count}; claim rows on the {stormWishes.Length} storm wishes: {rows.Count}");
        Console.WriteLine($"wishes with two active claims: {doubled}");
        Console.WriteLine($"201 answers without a claim row (lost): {lost}");
        Console.WriteLine($"claim rows never answered 201 or 200 to their volunteer (doubled or unanswered): {unanswered}");
        Console.WriteLine($"claims never decided within the grace period: {unresolved}");
        Console.WriteLine($"faults the service took longer than {RecoveryLimit.TotalSeconds:F0} s to answer after: {slow} of {results.Count}");
        var ok = doubled == 0 && lost == 0 && unanswered == 0 && unresolved == 0 && slow == 0 && results.Count == faults.Count && faults.Count > 0;
        Console.WriteLine(ok ? "result: 0 lost, 0 doubled, every fault recovered from within 10 s" : "result: FAILED — see the counts above");
        return ok ? 0 : 1;
    }

    private sealed record PhaseResult(int Attempts, int Definitive, int Created, int Conflicts, int Repeats, int Transient,
        string TransientDetail, int Unresolved, TimeSpan? Recovery);

    private static async Task<PhaseResult> PhaseAsync(HttpClient client, Fault fault, List<Guid> wishes, List<Guid> volunteers,
        Dictionary<Guid, AuthenticationHeaderValue> tokens, AuthenticationHeaderValue probeToken, TimeSpan duration, int connections,
        ConcurrentDictionary<(Guid, Guid), ConcurrentQueue<int>> answers)
    {
        var random = new Random(17);
        var winners = new ConcurrentDictionary<Guid, bool>();
        var transient = new ConcurrentDictionary<string, int>();
        int attempts = 0, created = 0, conflicts = 0, repeats = 0, unresolved = 0, others = 0;
        var watch = Stopwatch.StartNew();
        var storm = Task.WhenAll(Enumerable.Range(0, connections).Select(async worker =>
        {
            var mine = new Random(worker * 7919 + 1);
            while (watch.Elapsed < duration)
            {
                var volunteer = volunteers[mine.Next(volunteers.Count)];
                if (winners.ContainsKey(volunteer)) continue; // a winner stops claiming, so nobody nears the active-claim limit
                // Wishes open over the phase, so some are first claimed during the fault and after it, not all in its first second.
                var open = Math.Clamp((int)Math.Ceiling(wishes.Count * (watch.Elapsed.TotalSeconds + 0.5) / duration.TotalSeconds), 1, wishes.Count);
                var wish = wishes[mine.Next(open)];
                var deadline = watch.Elapsed + Grace;
                while (true)
                {
                    Interlocked.Increment(ref attempts);
                    var status = await ClaimAsync(client, wish, tokens[volunteer]);
                    if (status is 201 or 200 or 409 or (>= 400 and < 500))
                    {
                        answers.GetOrAdd((wish, volunteer), _ => new ConcurrentQueue<int>()).Enqueue(status);
                        if (status == 201) { Interlocked.Increment(ref created); winners[volunteer] = true; }
                        else if (status == 200) { Interlocked.Increment(ref repeats); winners[volunteer] = true; }
                        else if (status == 409) Interlocked.Increment(ref conflicts);
                        else Interlocked.Increment(ref others);
                        break;
                    }
                    transient.AddOrUpdate(status == 0 ? "no answer" : status.ToString(), 1, (_, n) => n + 1);
                    if (watch.Elapsed > deadline) { Interlocked.Increment(ref unresolved); break; }
                    await Task.Delay(200);
                }
            }
        }));

        await Task.Delay(TimeSpan.FromSeconds(2));
        Console.WriteLine($"[faults] {fault.Name}: {fault.Command}");
        var faultAt = Stopwatch.StartNew();
        var run = await RunShellAsync(fault.Command);
        if (run != 0) Console.WriteLine($"[faults] the fault command exited {run}");
        TimeSpan? recovery = null;
        while (faultAt.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (await AnswersAsync(client, probeToken)) { recovery = faultAt.Elapsed; break; }
            await Task.Delay(100);
        }
        await storm;
        var definitive = created + conflicts + repeats + others;
        var detail = transient.IsEmpty ? "none" : string.Join(", ", transient.OrderBy(t => t.Key).Select(t => $"{t.Key}×{t.Value}"));
        if (others > 0) detail += $"; other 4xx decisions {others}";
        return new PhaseResult(attempts, definitive, created, conflicts, repeats, transient.Values.Sum(), detail, unresolved, recovery);
    }

    private static async Task<int> ClaimAsync(HttpClient client, Guid wish, AuthenticationHeaderValue token)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/wishes/{wish}/claim");
            request.Headers.Authorization = token;
            using var response = await client.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            return (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return 0;
        }
    }

    /// <summary>The service answers: ready (PostgreSQL and Redis reachable from the instance nginx picks) and serving a volunteer.</summary>
    private static async Task<bool> AnswersAsync(HttpClient client, AuthenticationHeaderValue token)
    {
        try
        {
            using var ready = await client.GetAsync("/health/ready");
            if (!ready.IsSuccessStatusCode) return false;
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
            request.Headers.Authorization = token;
            using var me = await client.SendAsync(request);
            return me.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return false;
        }
    }

    private static async Task<HashSet<(Guid Wish, Guid Volunteer)>> ClaimRowsAsync(BenchDatabase db, Guid[] wishes)
    {
        var lines = await db.LinesAsync("""SELECT "WishId"::text || ' ' || "VolunteerId"::text FROM "Claims" WHERE "WishId" = ANY(@ids)""", ("ids", wishes));
        return lines.Select(l => l.Split(' ')).Select(p => (Guid.Parse(p[0]), Guid.Parse(p[1]))).ToHashSet();
    }

    private static async Task<int> RunShellAsync(string command)
    {
        var info = new ProcessStartInfo("bash") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("bash did not start");
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
