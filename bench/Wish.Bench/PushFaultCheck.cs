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
/// Issue 17's push check, run inside the "kill -9 one instance" phase of deploy/faults.sh: a staff push to N openids of this run's
/// own, sent by the instances' dispatchers to a fake WeChat API served here (on a port the instances were started with), which counts
/// every template/send per openid. When a tenth has been sent the claim storm starts and kills an instance two seconds in; right after
/// the kill the rows that instance still holds are read: Pending, "ClaimedBy" its dispatcher (owner "host:pid:…"), lease not run out.
/// Those are the duplicate window in code terms — at most the two batches its two dispatch loops had claimed (2 × BatchSize), of which
/// the ones WeChat accepted but whose outcome was still in the OutcomeBuffer or in flight get sent again when the lease runs out.
/// Then: the job must finish (no row pending, every row Sent), every openid must reach the fake at least once, and every openid
/// reaching it twice must be one of the rows the killed instance held.
/// </summary>
public sealed class PushFaultCheck : IAsyncDisposable
{
    private static readonly TimeSpan FinishLimit = TimeSpan.FromSeconds(120);
    private readonly WebApplication _fake;
    private readonly Dictionary<string, int> _sends = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly string _prefix = $"o_fault_push_{Guid.NewGuid():N}"[..22] + "_";
    private readonly string _pidFile;
    private long _msgId;
    private Guid _job;
    private int _recipients, _sentAtKill, _heldSent;
    private Stopwatch? _sinceKill;
    private HashSet<string> _held = [];
    private string _heldNote = "";

    private PushFaultCheck(WebApplication fake, string pidFile) => (_fake, _pidFile) = (fake, pidFile);

    /// <summary>Starts the fake WeChat API on WISH_FAULT_PUSH_WECHAT_PORT; null when the push check is not configured.</summary>
    public static async Task<PushFaultCheck?> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("WISH_FAULT_PUSH_WECHAT_PORT") is not { Length: > 0 } port) return null;
        var pidFile = Environment.GetEnvironmentVariable("WISH_FAULT_PUSH_PID_FILE") ?? throw new InvalidOperationException("WISH_FAULT_PUSH_PID_FILE is not set");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var check = new PushFaultCheck(app, pidFile);
        app.MapGet("/cgi-bin/token", () => Results.Json(new { access_token = "FAULTS_TOKEN_" + Guid.NewGuid().ToString("N"), expires_in = 7200 }));
        app.MapPost("/cgi-bin/stable_token", () => Results.Json(new { access_token = "FAULTS_TOKEN_" + Guid.NewGuid().ToString("N"), expires_in = 7200 }));
        app.MapPost("/cgi-bin/message/template/send", async (HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            check.Record(body.RootElement.GetProperty("touser").GetString() ?? "");
            return Results.Json(new { errcode = 0, errmsg = "ok", msgid = Interlocked.Increment(ref check._msgId) });
        });
        // Mini-program subscribe messages (lifecycle messages to volunteers during the storms): accepted, not counted.
        app.MapPost("/cgi-bin/message/subscribe/send", () => Results.Json(new { errcode = 0, errmsg = "ok" }));
        await app.StartAsync();
        return check;
    }

    private void Record(string openId)
    {
        if (!openId.StartsWith(_prefix, StringComparison.Ordinal)) return; // lifecycle messages of the storms
        lock (_gate) _sends[openId] = _sends.GetValueOrDefault(openId) + 1;
    }

    private int Distinct()
    {
        lock (_gate) return _sends.Count;
    }

    /// <summary>Creates the push as staff (through nginx) and returns once a tenth of its recipients have been sent.</summary>
    public async Task BeginAsync(HttpClient client, int recipients)
    {
        _recipients = recipients;
        var password = Environment.GetEnvironmentVariable("WISH_FAULT_ADMIN_PASSWORD") ?? throw new InvalidOperationException("WISH_FAULT_ADMIN_PASSWORD is not set");
        using var login = await client.PostAsJsonAsync("/api/admin/auth/login", new { username = "admin", password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var openIds = Enumerable.Range(0, recipients).Select(i => _prefix + i.ToString("D6")).ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/notifications")
        {
            Content = JsonContent.Create(new { templateKey = "round.published", data = new { status = "新一轮心愿已发布", note = "欢迎认领" }, recipients = new { openIds } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var push = await client.SendAsync(request);
        if (!push.IsSuccessStatusCode) throw new InvalidOperationException($"the push was refused: {(int)push.StatusCode} {await push.Content.ReadAsStringAsync()}");
        _job = (await push.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var watch = Stopwatch.StartNew();
        while (Distinct() < recipients / 10 && watch.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(50);
        Console.WriteLine($"[faults] push {_job} to {recipients} openids; {Distinct()} sent {watch.Elapsed.TotalSeconds:F1} s after it was accepted");
    }

    /// <summary>Right after the kill: the rows the killed instance's dispatcher still holds (leased, no outcome written).</summary>
    public async Task AtKillAsync(BenchDatabase db)
    {
        _sinceKill = Stopwatch.StartNew();
        HashSet<string> seen;
        lock (_gate) seen = [.. _sends.Keys];
        _sentAtKill = seen.Count;
        var pid = (await File.ReadAllTextAsync(_pidFile)).Trim();
        var held = await db.LinesAsync("""
            SELECT "OpenId" FROM "NotificationRecipients"
            WHERE "JobId" = @job AND "Status" = 'Pending' AND "ClaimedBy" LIKE @owner AND "DueAt" > now()
            """, ("job", _job), ("owner", $"%:{pid}:%"));
        _held = held.ToHashSet(StringComparer.Ordinal);
        // Held rows WeChat had already accepted: sent, outcome not written (the buffer or in flight), so they will be sent again.
        _heldSent = _held.Count(seen.Contains);
        _heldNote = $"read {_sinceKill.Elapsed.TotalSeconds:F1} s after the kill";
    }

    /// <summary>Waits for the job to finish, then holds the fake's counts against the rows.</summary>
    public async Task<(bool Ok, string Figures)> FinishAsync(BenchDatabase db)
    {
        if (_sinceKill is null) return (false, "push: the instance was never killed during the push");
        long pending = -1, sentRows = -1;
        TimeSpan? finished = null;
        while (_sinceKill.Elapsed < FinishLimit)
        {
            try
            {
                var counts = await db.LinesAsync("""
                    SELECT count(*) FILTER (WHERE "Status" = 'Pending') || ' ' || count(*) FILTER (WHERE "Status" = 'Sent')
                    FROM "NotificationRecipients" WHERE "JobId" = @job
                    """, ("job", _job));
                var parts = counts[0].Split(' ');
                (pending, sentRows) = (long.Parse(parts[0]), long.Parse(parts[1]));
                if (pending == 0) { finished = _sinceKill.Elapsed; break; }
            }
            catch (Npgsql.NpgsqlException) { /* the next poll */ }
            await Task.Delay(200);
        }
        Dictionary<string, int> sends;
        lock (_gate) sends = new(_sends, StringComparer.Ordinal);
        var once = sends.Count(s => s.Value == 1);
        var twice = sends.Count(s => s.Value == 2);
        var more = sends.Count(s => s.Value > 2);
        var never = _recipients - sends.Count;
        var outside = sends.Count(s => s.Value > 1 && !_held.Contains(s.Key));
        var ok = finished is not null && sentRows == _recipients && never == 0 && more == 0 && outside == 0 && _held.Count > 0;
        var figures = $"push: {_recipients} recipients, sent once {once}, twice {twice}{(more > 0 ? $", three times or more {more}" : "")} " +
            $"(window allows {_held.Count}), never {never}; " +
            (finished is { } t ? $"job finished in {t.TotalSeconds:F1} s after the kill" : $"job NOT finished {FinishLimit.TotalSeconds:F0} s after the kill ({pending} pending)") +
            $"\npush: window = the {_held.Count} rows the killed instance's dispatcher held (Pending, ClaimedBy it, lease not run out; " +
            $"{_heldNote}; {_heldSent} of them already sent, outcome unwritten); {_sentAtKill} openids sent before the kill; rows Sent {sentRows} of {_recipients}; sent twice outside the window {outside}";
        return (ok, figures);
    }

    public async ValueTask DisposeAsync()
    {
        await _fake.StopAsync();
        await _fake.DisposeAsync();
    }
}
