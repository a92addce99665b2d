using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace WeChatWish.Tests.Fakes;

/// <summary>
/// A stand-in for api.weixin.qq.com on a loopback port: issues tokens and checks them on every call,
/// records every request, and can be told to fail, stall or expire tokens. Nothing in the service uses it.
/// </summary>
public sealed partial class FakeWeChatApi : IAsyncDisposable
{
    public const string Token = "cgi-bin/token";
    public const string StableToken = "cgi-bin/stable_token";
    public const string TemplateSend = "cgi-bin/message/template/send";
    public const string SubscribeSend = "cgi-bin/message/subscribe/send";
    public const string CodeToSession = "sns/jscode2session";
    public const string MenuCreate = "cgi-bin/menu/create";

    private readonly WebApplication _app;
    private readonly Dictionary<string, FakeWeChatApp> _apps;
    private readonly ConcurrentQueue<FakeWeChatCall> _calls = new();

    private FakeWeChatApi(WebApplication app, IEnumerable<FakeWeChatApp> apps)
    {
        _app = app;
        _apps = apps.ToDictionary(a => a.AppId);
    }

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<FakeWeChatCall> Calls => [.. _calls];

    /// <summary>The menu body last accepted by <c>cgi-bin/menu/create</c>.</summary>
    public JsonNode? LastMenu { get; private set; }

    public static async Task<FakeWeChatApi> StartAsync(params FakeWeChatApp[] apps)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeWeChatApi(app, apps);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = new Uri(app.Urls.Single().TrimEnd('/') + "/");
        return fake;
    }

    public IReadOnlyList<FakeWeChatCall> CallsTo(string path) => [.. _calls.Where(c => c.Path == path)];

    /// <summary>Forgets calls, rules and issued tokens, as if WeChat had never seen this test.</summary>
    public void Reset()
    {
        _calls.Clear();
        LastMenu = null;
        TokenExpiresIn = 7200;
        lock (_gate)
        {
            _rules.Clear();
            _delays.Clear();
            _tokens.Clear();
            _stableTokens.Clear();
            _usedCodes.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value?.TrimStart('/') ?? "";
        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        _calls.Enqueue(new FakeWeChatCall(path, query, body, DateTimeOffset.UtcNow));

        if (DelayFor(path) is { } delay) await Task.Delay(delay, context.RequestAborted);
        if (TakeHttpFailure(path) is { } status)
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsync("<html>upstream error</html>", context.RequestAborted);
            return;
        }

        var answer = Answer(path, query, body);
        if (answer is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        // Real WeChat labels JSON as text/plain on several endpoints; clients must parse it anyway.
        context.Response.ContentType = path is CodeToSession or Token ? "text/plain" : "application/json; encoding=utf-8";
        await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
    }

    private JsonObject? Answer(string path, Dictionary<string, string> query, string body)
    {
        JsonElement json = default;
        if (body.Length > 0)
        {
            try { json = JsonDocument.Parse(body).RootElement.Clone(); }
            catch (JsonException) { return Error(47001, "data format error"); }
        }
        return path switch
        {
            Token => IssueToken(query),
            StableToken => IssueStableToken(json),
            TemplateSend => Authorized(query, path, Str(json, "touser")) ?? SendTemplate(json),
            SubscribeSend => Authorized(query, path, Str(json, "touser")) ?? SendSubscribe(json),
            MenuCreate => Authorized(query, path, null) ?? CreateMenu(body, json),
            CodeToSession => CodeToSessionAnswer(query),
            _ => null,
        };
    }

    private static JsonObject Ok() => new() { ["errcode"] = 0, ["errmsg"] = "ok" };

    private static JsonObject Error(int errCode, string errMsg) => new() { ["errcode"] = errCode, ["errmsg"] = errMsg };

    private static string? Str(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString() : null;
}
