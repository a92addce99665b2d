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
        // The push check (deploy/faults.sh starts the instances' dispatchers against this fake WeChat API): during the kill phase.
        await using var push = await PushFaultCheck.StartAsync();
        var pushResult = (Ok: true, Figures: "push: not run (WISH_FAULT_PUSH_WECHAT_PORT unset)");
        foreach (var (fault, wishes, volunteers) in phases)
        {
            var tokens = volunteers.ToDictionary(v => v, v => new AuthenticationHeaderValue("Bearer", VolunteerTokens.Mint(v, signingKey)));
            var withPush = push is not null && fault.Name == "kill -9 one instance";
            if (withPush) await push!.BeginAsync(client, int.Parse(Value("--push-recipients", "2000")));
            results.Add(await PhaseAsync(client, fault, wishes, volunteers, tokens, probeToken, TimeSpan.FromSeconds(seconds), connections, answers,
                withPush ? () => push!.AtKillAsync(db) : null));
            if (withPush)
            {
                // Finished before the Redis and PostgreSQL restarts, so every resend counted comes from the kill.
                pushResult = await push!.FinishAsync(db);
                Console.WriteLine(pushResult.Figures);
            }
            var last = results[^1];
            Console.WriteLine($"{fault.Name}: {last.Attempts} claim requests ({last.Definitive} decided: {last.Created} × 201, {last.Conflicts} × 409, " +
                $"{last.Repeats} × 200; {last.Transient} transient answers retried: {last.TransientDetail}; {last.Unresolved} never decided); " +
                $"service answering again {(last.Recovery is { } r ? $"{r.TotalSeconds:F1} s" : "NEVER")} after the fault");
        }

        var intake = (Ok: true, Figures: "intake burst: not run (WISH_FAULT_INTAKE_KILL unset)");
        if (Environment.GetEnvironmentVariable("WISH_FAULT_INTAKE_KILL") is { Length: > 0 } intakeKill)
        {
            intake = await IntakeFaultCheck.RunAsync(client, db, Environment.GetEnvironmentVariable("WeChat__OfficialAccount__Token")
                ?? throw new InvalidOperationException("WeChat__OfficialAccount__Token is not set"), intakeKill, int.Parse(Value("--people", "30")));
            Console.WriteLine(intake.Figures);
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
        Console.WriteLine(intake.Figures.Split('\n')[^1]);
        Console.WriteLine(pushResult.Figures.Split('\n')[^1]);
        var ok = doubled == 0 && lost == 0 && unanswered == 0 && unresolved == 0 && slow == 0 && results.Count == faults.Count && faults.Count > 0 && intake.Ok && pushResult.Ok;
        Console.WriteLine(ok ? "result: 0 lost, 0 doubled, every fault recovered from within 10 s, every WeChat message had one effect, " +
            (push is null ? "push not run" : "every push recipient sent, resent only within the killed instance's held rows") : "result: FAILED — see the counts above");
        return ok ? 0 : 1;
    }

    private sealed record PhaseResult(int Attempts, int Definitive, int Created, int Conflicts, int Repeats, int Transient,
        string TransientDetail, int Unresolved, TimeSpan? Recovery);

    private static async Task<PhaseResult> PhaseAsync(HttpClient client, Fault fault, List<Guid> wishes, List<Guid> volunteers,
        Dictionary<Guid, AuthenticationHeaderValue> tokens, AuthenticationHeaderValue probeToken, TimeSpan duration, int connections,
        ConcurrentDictionary<(Guid, Guid), ConcurrentQueue<int>> answers, Func<Task>? afterFault = null)
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
        if (afterFault is not null) await afterFault();
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

/// <summary>
/// Issue 17's intake check: people talk to the official account through nginx while one instance is killed, and WeChat
/// delivers every message four times at once (to different instances, by nginx's least-connections choice). A person
/// behaves as WeChat and a person would: when no copy is answered, the same message is delivered again (WeChat's retries,
/// which a finished message answers from its stored reply); when the answer is "busy" or "the previous one is still being
/// handled", or no delivery is ever answered, the person sends it again as a new message. Every person must end with
/// exactly one wish, with the content they gave: a message handled twice would move the conversation a step too far.
/// </summary>
public static class IntakeFaultCheck
{
    private const string Busy = "系统正忙";
    private const string StillRunning = "上一条消息还在处理";
    private static long _msgId = 3_000_000_000_000_000_000L + System.Security.Cryptography.RandomNumberGenerator.GetInt32(0, 1_000_000) * 1_000_000_000L;

    public static async Task<(bool Ok, string Figures)> RunAsync(HttpClient client, BenchDatabase db, string token, string killCommand, int people)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var stats = new ConcurrentDictionary<string, int>();
        var watch = Stopwatch.StartNew();
        var conversations = Enumerable.Range(0, people).Select(k => ConverseAsync(client, token, $"o_fault_intake_{run}_{k}", k, stats)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Console.WriteLine($"[faults] kill -9 one instance during the intake burst: {killCommand}");
        var kill = Process.Start("bash", ["-c", killCommand]);
        await kill.WaitForExitAsync();
        var finished = await Task.WhenAll(conversations);

        var rows = await db.LinesAsync("""
            SELECT b."OpenId" || ' ' || w."Content" FROM "Wishes" w JOIN "Beneficiaries" b ON b."Id" = w."BeneficiaryId"
            WHERE b."OpenId" LIKE @prefix
            """, ("prefix", $"o_fault_intake_{run}_%"));
        var byPerson = rows.Select(r => r.Split(' ', 2)).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Select(p => p[1]).ToList());
        var none = Enumerable.Range(0, people).Count(k => !byPerson.ContainsKey($"o_fault_intake_{run}_{k}"));
        var twice = byPerson.Count(p => p.Value.Count > 1);
        var wrong = byPerson.Count(p => p.Value.Any(c => c != Content(int.Parse(p.Key[(p.Key.LastIndexOf('_') + 1)..]))));
        var stuck = finished.Count(f => !f);
        var figures = $"intake burst: {people} people, {stats.GetValueOrDefault("messages")} messages, {stats.GetValueOrDefault("copies")} deliveries " +
            $"(4 copies each) in {watch.Elapsed.TotalSeconds:F1} s; answers: {string.Join(", ", stats.Where(s => s.Key.StartsWith("answer ", StringComparison.Ordinal)).OrderBy(s => s.Key).Select(s => $"{s.Key[7..]}×{s.Value}"))}; " +
            $"redelivered {stats.GetValueOrDefault("redelivered")}, sent again as new {stats.GetValueOrDefault("resent")}\n" +
            $"intake: people with exactly one wish {people - none - twice} of {people}; with none {none}; with two or more {twice}; " +
            $"with other content {wrong}; conversations that never finished {stuck}";
        return (none == 0 && twice == 0 && wrong == 0 && stuck == 0, figures);
    }

    private static string Content(int k) => "想要一个电暖器过冬" + "一二三四五六七八九十"[k % 10];

    private static async Task<bool> ConverseAsync(HttpClient client, string token, string openId, int k, ConcurrentDictionary<string, int> stats)
    {
        foreach (var text in new[] { "心愿", "4", "1", "王秀英", $"1381234{k:D4}", Content(k), "150", "确认" })
        {
            var done = false;
            for (var fresh = 0; fresh < 6 && !done; fresh++)
            {
                var msgId = Interlocked.Increment(ref _msgId);
                stats.AddOrUpdate(fresh == 0 ? "messages" : "resent", 1, (_, n) => n + 1);
                string? reply = null;
                for (var delivery = 0; delivery < 4 && reply is null; delivery++)
                {
                    if (delivery > 0) { stats.AddOrUpdate("redelivered", 1, (_, n) => n + 1); await Task.Delay(1000); }
                    var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => DeliverAsync(client, token, openId, text, msgId, stats)));
                    reply = answers.FirstOrDefault(a => !string.IsNullOrEmpty(a));
                }
                if (reply is null || reply.Contains(Busy, StringComparison.Ordinal) || reply.Contains(StillRunning, StringComparison.Ordinal))
                {
                    await Task.Delay(1000);
                    continue;
                }
                done = true;
            }
            if (!done) return false;
        }
        return true;
    }

    /// <summary>One delivery of a plaintext push; the reply's text, "" for "success", null for no answer.</summary>
    private static async Task<string?> DeliverAsync(HttpClient client, string token, string openId, string text, long msgId, ConcurrentDictionary<string, int> stats)
    {
        stats.AddOrUpdate("copies", 1, (_, n) => n + 1);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
        var nonce = Random.Shared.Next(1, int.MaxValue).ToString();
        var signature = WeChatWish.WeChat.Crypto.WeChatSignature.ComputeUrlSignature(token, timestamp, nonce);
        var xml = $"<xml><ToUserName><![CDATA[gh_faults]]></ToUserName><FromUserName><![CDATA[{openId}]]></FromUserName>" +
                  $"<CreateTime>{timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{text}]]></Content><MsgId>{msgId}</MsgId></xml>";
        try
        {
            using var content = new StringContent(xml, System.Text.Encoding.UTF8, "text/xml");
            using var response = await client.PostAsync($"/wechat?signature={signature}&timestamp={timestamp}&nonce={nonce}&openid={openId}", content);
            var body = await response.Content.ReadAsStringAsync();
            stats.AddOrUpdate($"answer {(int)response.StatusCode}", 1, (_, n) => n + 1);
            if (!response.IsSuccessStatusCode) return null;
            var start = body.IndexOf("<Content><![CDATA[", StringComparison.Ordinal);
            return start < 0 ? "" : body[(start + 18)..body.IndexOf("]]></Content>", start, StringComparison.Ordinal)];
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            stats.AddOrUpdate("answer none", 1, (_, n) => n + 1);
            return null;
        }
    }
}
