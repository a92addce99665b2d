using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Wish.Bench;

/// <summary>
/// Issue 7's figures: a staff push to N recipients (explicit openids) from a Release Wish.Api whose dispatcher runs at a configured
/// rate, against a fake WeChat API served here (token and template/send only). Prints the achieved rate between the first and the
/// last send, the shortfall against the configured rate, and the server's peak working set — on a fresh server per size, so the
/// figures at 10,000 and at N show whether memory grows with the number of recipients.
/// </summary>
public static class NotificationBenchmark
{
    private const string AdminPassword = "Bench-Admin-Password-1";

    public static async Task<int> RunAsync(BenchArgs args, int recipients)
    {
        await using var fake = await FakeWeChat.StartAsync();
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; load before: {Load()}");
        foreach (var size in recipients > 10_000 ? new[] { 10_000, recipients } : [recipients])
            await RunOnceAsync(args, fake, size);
        Console.WriteLine($"load after: {Load()}");
        return 0;
    }

    private static async Task RunOnceAsync(BenchArgs args, FakeWeChat fake, int size)
    {
        var port = ServerProcess.FreePort();
        var env = ApiEnvironment.For(port);
        env["WeChat__ApiBaseUrl"] = fake.BaseUrl;
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

        var prefix = $"bench-{Guid.NewGuid():N}"[..14] + "-";
        fake.Watch(prefix);
        var openIds = Enumerable.Range(0, size).Select(i => prefix + i.ToString("D7")).ToArray();
        var watch = Stopwatch.StartNew();
        var push = await http.PostAsJsonAsync("/api/admin/notifications",
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
        var (count, first, last, duplicates) = fake.Result();
        var seconds = (last - first).TotalSeconds;
        var rate = (count - 1) / seconds;
        Console.WriteLine($"{size} recipients at a configured {args.Rate}/s: accepted in {accepted:F2} s; " +
            $"sent {progress.GetProperty("sent").GetInt32()}, failed {progress.GetProperty("failed").GetInt32()}, calls {count}, duplicates {duplicates}");
        Console.WriteLine($"  achieved {rate:F1}/s over {seconds:F1} s; shortfall {Math.Max(0, 1 - rate / args.Rate) * 100:F2} %; " +
            $"server peak working set {peak / 1024.0 / 1024:F0} MiB");
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    /// <summary>Just enough of api.weixin.qq.com: tokens, and template/send answering ok with a msgid, counting calls to one prefix.</summary>
    private sealed class FakeWeChat : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly Lock _gate = new();
        private readonly HashSet<string> _seen = [];
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
            app.MapPost("/cgi-bin/message/template/send", async (HttpContext context) =>
            {
                var body = await JsonDocument.ParseAsync(context.Request.Body);
                fake.Record(body.RootElement.GetProperty("touser").GetString() ?? "");
                return Results.Json(new { errcode = 0, errmsg = "ok", msgid = Interlocked.Increment(ref fake._msgId) });
            });
            await app.StartAsync();
            return fake;
        }

        public void Watch(string prefix)
        {
            lock (_gate) { _prefix = prefix; _seen.Clear(); _count = _duplicates = 0; }
        }

        private void Record(string openId)
        {
            if (!openId.StartsWith(_prefix, StringComparison.Ordinal)) return;
            lock (_gate)
            {
                var now = DateTime.UtcNow;
                if (_count++ == 0) _first = now;
                _last = now;
                if (!_seen.Add(openId)) _duplicates++;
            }
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
