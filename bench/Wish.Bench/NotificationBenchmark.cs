using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace WeChatWish.Bench;

/// <summary>
/// Issue 7's figures: a staff push to N recipients (explicit openids) from a Release Wish.Api whose dispatcher runs at a configured
/// rate, against a fake WeChat API served here (token and template/send only). Prints the achieved rate between the first and the
/// last send, the shortfall against the configured rate, and the server's peak working set — on a fresh server per size, so the
/// figures at 10,000 and at N show whether memory grows with the number of recipients.
/// </summary>
public static class NotificationBenchmark
{
    private const string AdminPassword = "Bench-Admin-Password-1";

    public static async Task<int> RunAsync(BenchArgs args, int recipients, bool xingtai = false)
    {
        await using var fake = await FakeWeChat.StartAsync();
        if (xingtai) return await RunXingtaiAsync(args, fake);
        // A database of its own, recreated: another bench's server with its dispatcher on would claim (and strand) rows of this push.
        var db = BenchDatabase.For("WISH_BENCH_NOTIFICATIONS_POSTGRES", "wechatwish_bench_notifications");
        await db.DropAsync();
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; load before: {Load()}");
        foreach (var size in recipients > 10_000 ? new[] { 10_000, recipients } : [recipients])
            await RunOnceAsync(args, fake, db, size);
        Console.WriteLine($"load after: {Load()}");
        return 0;
    }

    /// <summary>
    /// Issue 18 item 4: the push to every volunteer of the Xingtai seed (1,170,000, mini-program subscribe messages, recipients
    /// chosen by the filter, so the server reads them from the database). On a copy of that database (WISH_BENCH_XINGTAI_PUSH_POSTGRES,
    /// default wechatwish_bench_xingtai_push, made from wechatwish_bench_xingtai if absent): the push adds a row per recipient.
    /// </summary>
    private static async Task<int> RunXingtaiAsync(BenchArgs args, FakeWeChat fake)
    {
        var source = XingtaiSeed.Database();
        var db = BenchDatabase.For("WISH_BENCH_XINGTAI_PUSH_POSTGRES", "wechatwish_bench_xingtai_push");
        if (!await db.ExistsAsync())
        {
            Console.WriteLine($"copying {source.Name} to {db.Name} (once)...");
            await source.CopyToAsync(db);
        }
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; load before: {Load()}");
        await RunOnceAsync(args, fake, db, 0, filter: true);
        Console.WriteLine($"load after: {Load()}");
        return 0;
    }

    private static async Task RunOnceAsync(BenchArgs args, FakeWeChat fake, BenchDatabase db, int size, bool filter = false)
    {
        var port = ServerProcess.FreePort();
        var env = ApiEnvironment.For(port);
        env["ConnectionStrings__Postgres"] = db.ConnectionString;
        env["WeChat__ApiBaseUrl"] = fake.BaseUrl;
        env["Notifications__DispatcherEnabled"] = "true";
        env["Notifications__RatePerSecond"] = args.Rate.ToString();
        env["Notifications__BatchSize"] = "200";
        env["Notifications__MaxConcurrency"] = "32";
        env["Notifications__PollInterval"] = "00:00:00.200";
        await using var api = await ServerProcess.StartApiAsync(args.RepoRoot, env, port);
        using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        var login = await http.PostAsJsonAsync("/api/admin/auth/login", new { username = "admin", password = AdminPassword });
        login.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());

        var (cpuBefore, commitsBefore) = (api.CpuTime, await CommitsAsync(db));
        var prefix = filter ? "o_xt_" : $"bench-{Guid.NewGuid():N}"[..14] + "-";
        fake.Watch(prefix);
        var openIds = Enumerable.Range(0, size).Select(i => prefix + i.ToString("D7")).ToArray();
        if (filter) size = await db.ScalarAsync<int>("""SELECT count(DISTINCT "OpenId")::int FROM "Volunteers" WHERE "OpenId" LIKE 'o\_xt\_%'""");
        var watch = Stopwatch.StartNew();
        var push = filter
            ? await http.PostAsJsonAsync("/api/admin/notifications",
                new { templateKey = "claim.reminder", data = new { code = "XT", title = "本月心愿已发布", time = "2026-12-03 09:00", note = "欢迎认领" },
                      recipients = new { filter = new { group = "volunteers" } } })
            : await http.PostAsJsonAsync("/api/admin/notifications",
                new { templateKey = "round.published", data = new { status = "新一轮心愿已发布", note = "欢迎认领" }, recipients = new { openIds } });
        var accepted = watch.Elapsed.TotalSeconds;
        if (!push.IsSuccessStatusCode)
        {
            Console.WriteLine($"push failed: {(int)push.StatusCode} {await push.Content.ReadAsStringAsync()}");
            return;
        }
        var id = (await push.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        long peak = 0;
        JsonElement progress;
        while (true)
        {
            await Task.Delay(500);
            peak = Math.Max(peak, api.WorkingSet);
            using var answer = await http.GetAsync($"/api/admin/notifications/{id}");
            // A progress read can fail on a busy shared machine (or a PostgreSQL restart by someone else); the push goes on.
            if (!answer.IsSuccessStatusCode) { Console.WriteLine($"  (progress read answered {(int)answer.StatusCode}; retrying)"); continue; }
            progress = await answer.Content.ReadFromJsonAsync<JsonElement>();
            if (progress.GetProperty("pending").GetInt32() == 0) break;
        }
        peak = Math.Max(peak, api.PeakWorkingSet);
        var cpu = api.CpuTime - cpuBefore;
        await Task.Delay(1500); // PostgreSQL publishes a backend's counters at most once a second
        var commits = await CommitsAsync(db) - commitsBefore;
        var (count, first, last, duplicates) = fake.Result();
        var seconds = (last - first).TotalSeconds;
        var rate = (count - 1) / seconds;
        Console.WriteLine($"{size} recipients at a configured {args.Rate}/s: accepted in {accepted:F2} s; " +
            $"sent {progress.GetProperty("sent").GetInt32()}, failed {progress.GetProperty("failed").GetInt32()}, calls {count}, duplicates {duplicates}");
        Console.WriteLine($"  achieved {rate:F1}/s over {seconds:F1} s; shortfall {Math.Max(0, 1 - rate / args.Rate) * 100:F2} %; " +
            $"server peak working set {peak / 1024.0 / 1024:F0} MiB");
        Console.WriteLine($"  cost: server CPU {cpu.TotalMilliseconds * 1000 / size:F0} ms per 1,000 recipients; database commits per recipient " +
            $"{commits / (double)size:F3} (progress reads included)");
        PrintShape(fake.Arrivals(), args.Rate);
    }

    private static Task<long> CommitsAsync(BenchDatabase db) =>
        db.ScalarAsync<long>("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");

    /// <summary>
    /// Where a shortfall comes from, as the fake stamped the calls: the busiest one-second span, whole seconds below the rate, and gaps
    /// longer than the pacer's burst. The pacer caps when sends start; a stamp can be late by as long as a request waited on the way
    /// (a token fetch, a new connection, either process off the CPU), so the busiest span may exceed the rate by up to the sends in flight.
    /// </summary>
    private static void PrintShape(long[] ticks, int rate)
    {
        if (ticks.Length < 2) return;
        long second = Stopwatch.Frequency, busiest = 0, busiestAt = 0, longest = 0, gaps = 0, gapTicks = 0;
        var normal = second / 10; // longer than the pacer's burst: time that cannot be made up
        for (int i = 0, j = 0; i < ticks.Length; i++)
        {
            while (j < ticks.Length && ticks[j] < ticks[i] + second) j++;
            if (j - i > busiest) (busiest, busiestAt) = (j - i, ticks[i] - ticks[0]);
            if (i == 0) continue;
            var gap = ticks[i] - ticks[i - 1];
            longest = Math.Max(longest, gap);
            if (gap > normal) { gaps++; gapTicks += gap; }
        }
        var perSecond = ticks.GroupBy(t => (t - ticks[0]) / second).Select(g => g.Count()).SkipLast(1).ToArray();
        Console.WriteLine($"  busiest one-second span {busiest} calls (from +{busiestAt / (double)second:F1} s); whole seconds below {rate * 0.99:F0}: {perSecond.Count(c => c < rate * 0.99)} of " +
            $"{perSecond.Length} (fewest {(perSecond.Length > 0 ? perSecond.Min() : 0)}); gaps over 100 ms: {gaps}, " +
            $"{gapTicks * 1000.0 / second:F0} ms in all, longest {longest * 1000.0 / second:F0} ms");
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    /// <summary>Just enough of api.weixin.qq.com: tokens, and template/send answering ok with a msgid, counting calls to one prefix.</summary>
    private sealed class FakeWeChat : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly Lock _gate = new();
        private readonly HashSet<string> _seen = [];
        private readonly List<long> _arrivals = [];
        private string _prefix = "\0";
        private long _msgId, _count, _duplicates;
        private DateTime _first, _last;

        private FakeWeChat(WebApplication app) => _app = app;

        public string BaseUrl => _app.Urls.Single();

        public static async Task<FakeWeChat> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var fake = new FakeWeChat(app);
            app.MapGet("/cgi-bin/token", () => Results.Json(new { access_token = "BENCH_TOKEN_" + Guid.NewGuid().ToString("N"), expires_in = 7200 }));
            async Task<IResult> Send(HttpContext context)
            {
                var body = await JsonDocument.ParseAsync(context.Request.Body);
                fake.Record(body.RootElement.GetProperty("touser").GetString() ?? "");
                return Results.Json(new { errcode = 0, errmsg = "ok", msgid = Interlocked.Increment(ref fake._msgId) });
            }
            app.MapPost("/cgi-bin/message/template/send", (Delegate)Send);
            app.MapPost("/cgi-bin/message/subscribe/send", (Delegate)Send); // the mini-program's subscribe messages (volunteers)
            await app.StartAsync();
            return fake;
        }

        public void Watch(string prefix)
        {
            lock (_gate) { _prefix = prefix; _seen.Clear(); _arrivals.Clear(); _count = _duplicates = 0; }
        }

        private void Record(string openId)
        {
            if (!openId.StartsWith(_prefix, StringComparison.Ordinal)) return;
            lock (_gate)
            {
                var now = DateTime.UtcNow;
                _arrivals.Add(Stopwatch.GetTimestamp());
                if (_count++ == 0) _first = now;
                _last = now;
                if (!_seen.Add(openId)) _duplicates++;
            }
        }

        public long[] Arrivals()
        {
            lock (_gate) return [.. _arrivals];
        }

        public (long Count, DateTime First, DateTime Last, long Duplicates) Result()
        {
            lock (_gate) return (_count, _first, _last, _duplicates);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
