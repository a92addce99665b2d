using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using WeChatWish.Api.Data;
using WeChatWish.Api.Intake;
using WeChatWish.Tests.Fakes;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Intake;
using WeChatWish.Tests.Staff;
using WeChatWish.Tests.Volunteers;

namespace WeChatWish.Tests.Telemetry;

/// <summary>
/// Traces and metrics as an exporter would receive them, from a host with tracing on and spans caught in memory: the
/// instrumentation is there (HTTP in and out, Npgsql, Redis), and nothing personal is in a span or a metric tag.
/// </summary>
[NonParallelizable]
public sealed class TelemetryTests : ApiTestBase
{
    private static readonly Regex PhoneLike = new("(?<![0-9])1[3-9][0-9]{9}(?![0-9])");
    private FakeWeChatApi _wechat = null!;
    private WebApplicationFactory<Program> _host = null!;
    private readonly List<Activity> _spans = [];
    private readonly ConcurrentBag<string> _metricTags = [];
    private MeterListener _listener = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _wechat = await FakeWeChatApi.StartAsync(WishApiFactory.OfficialAccountApp, WishApiFactory.MiniProgramApp);
        _host = (await TestRun.ApiAsync()).WithWebHostBuilder(b =>
        {
            b.UseSetting("WeChat:ApiBaseUrl", _wechat.BaseUrl.ToString());
            b.UseSetting("Telemetry:Tracing", "true");
            b.UseSetting("Telemetry:Prometheus", "true");
            b.ConfigureTestServices(s => s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(_spans)));
        });
        _host.CreateClient().Dispose();

        // Every measurement of every instrument in the process, as any exporter could see it.
        _listener = new MeterListener { InstrumentPublished = (instrument, l) => l.EnableMeasurementEvents(instrument) };
        _listener.SetMeasurementEventCallback<long>((i, _, tags, _) => Record(i, tags));
        _listener.SetMeasurementEventCallback<int>((i, _, tags, _) => Record(i, tags));
        _listener.SetMeasurementEventCallback<double>((i, _, tags, _) => Record(i, tags));
        _listener.Start();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _listener.Dispose();
        await _host.DisposeAsync();
        await _wechat.DisposeAsync();
    }

    [Test]
    public async Task SpansCoverHttpInAndOutPostgresAndRedisAndNoSpanOrMetricTagCarriesPersonalData()
    {
        // A volunteer signs in (jscode2session: HTTP out, the app secret in its query) and fills in a profile.
        using var anonymous = _host.CreateClient();
        var login = await ExpectAsync(await anonymous.PostAsJsonAsync("/api/auth/wechat-login", new { code = "telemetry-code-1" }), 200);
        using var volunteer = _host.CreateBearerClient(login.GetProperty("accessToken").GetString()!);
        await ExpectAsync(await volunteer.PutAsJsonAsync("/api/me", new
        {
            name = "赵志愿", gender = "female", birthYear = 1990, politicalStatus = "masses", phone = "13766665555",
            specialties = new[] { "陪伴" }, districtCode = "gulou", organisation = "鼓楼义工大队",
        }), 200);
        // A beneficiary tells the official account their name and phone (Redis: dedup, turn, state).
        var person = new WeChatUser(_host.CreateClient(), "o_telemetry_person");
        // Events take their deduplication record with a plain SET of a key that holds the openid.
        await person.SendAsync(IntakePush.Subscribe("o_telemetry_person"), "（关注）");
        foreach (var text in new[] { "心愿", "4", "1", "钱秀兰", "13855554444", "想要一个电暖器", "150", "确认" }) await person.SayAsync(text);
        // A wish is claimed, and staff search volunteers by phone (in the query string).
        var wish = await MiniProgramSeed.PublishedWishAsync(_host.Services, new WishSpec { BeneficiaryName = "孙受助", BeneficiaryPhone = "13933332222" });
        await ExpectAsync(await volunteer.PostAsync($"/api/wishes/{wish.Id}/claim", null), 201);
        using var staff = _host.CreateStaffClient(await new StaffWorld(_host.Services).AdminAsync());
        await ExpectAsync(await staff.GetAsync("/api/admin/volunteers?q=13766665555"), 200);
        using var scrape = await _host.CreateClient().GetAsync("/metrics");
        var prometheus = await scrape.Content.ReadAsStringAsync();

        var spans = await SpansAsync(s => s.DisplayName == "SET");
        var sources = spans.Select(s => s.Source.Name).Distinct().ToList();
        Assert.That(sources, Is.SupersetOf(new[] { "Microsoft.AspNetCore", "System.Net.Http", "Npgsql" }));
        Assert.That(sources, Has.Some.Contains("Redis"));
        Assert.That(spans.Where(s => s.Source.Name == "System.Net.Http").Select(s => s.GetTagItem("server.address")?.ToString()),
            Has.Some.EqualTo("127.0.0.1"), "the call to (fake) WeChat is traced");
        Assert.That(scrape.IsSuccessStatusCode, Is.True);
        Assert.That(prometheus, Does.Contain("wish_intake_messages").And.Contain("http_server_request_duration"));

        var secrets = await PersonalDataAsync();
        Assert.That(secrets, Has.Some.EqualTo("赵志愿").And.Some.EqualTo("o_telemetry_person").And.Some.EqualTo("13855554444"),
            "the data looked for is the data the requests stored");
        var texts = spans.SelectMany(s => s.TagObjects.Select(t => $"span {s.DisplayName} {t.Key}={t.Value}").Append($"span {s.DisplayName}"))
            .Concat(_metricTags).Concat(prometheus.Split('\n').Select(line => "prometheus " + NameAndLabels(line))).ToList();
        var leaks = texts.Where(t => PhoneLike.IsMatch(t) || secrets.Any(t.Contains)).Distinct().ToList();
        Assert.That(leaks, Is.Empty);
    }

    /// <summary>
    /// A Prometheus sample without its value: a counter of allocated bytes can read 13850866456, which looks like a phone
    /// number and is not one. Names, labels and comments are what could carry personal data.
    /// </summary>
    private static string NameAndLabels(string line)
    {
        if (line.StartsWith('#')) return line;
        var labelsEnd = line.LastIndexOf('}');
        return labelsEnd >= 0 ? line[..(labelsEnd + 1)] : line.Split(' ')[0];
    }

    [Test]
    public void ConsoleLogsAreJsonWithScopesAndTraceIdsWhenAsked()
    {
        using var host = (TestRun.ApiAsync().GetAwaiter().GetResult()).WithWebHostBuilder(b => b.UseSetting("Telemetry:ConsoleFormat", "json"));
        host.CreateClient().Dispose();

        var console = host.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var json = host.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;
        var factory = host.Services.GetRequiredService<IOptions<LoggerFactoryOptions>>().Value;
        Assert.That(console.FormatterName, Is.EqualTo(ConsoleFormatterNames.Json));
        Assert.That(json.IncludeScopes, Is.True, "the trace and span ids travel in the scopes");
        Assert.That(factory.ActivityTrackingOptions.HasFlag(ActivityTrackingOptions.TraceId), Is.True);
        Assert.That(factory.ActivityTrackingOptions.HasFlag(ActivityTrackingOptions.SpanId), Is.True);
    }

    [Test]
    public async Task WithAnOtlpEndpointTracingAndMetricsExportAndTheServiceServes()
    {
        // Nothing listens there: export fails in the background, which must not touch serving.
        await using var host = (await TestRun.ApiAsync()).WithWebHostBuilder(b => b.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9"));
        using var client = host.CreateClient();

        using var live = await client.GetAsync("/health/live");
        Assert.That((int)live.StatusCode, Is.EqualTo(200));
        Assert.That(host.Services.GetService<TracerProvider>(), Is.Not.Null, "the endpoint alone turns tracing on");
        Assert.That(host.Services.GetService<OpenTelemetry.Metrics.MeterProvider>(), Is.Not.Null);
    }

    [Test]
    public void OutsideProductionConsoleLogsStayPlainAndTheScrapeEndpointIsOff()
    {
        var console = Api.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        Assert.That(console.FormatterName, Is.Not.EqualTo(ConsoleFormatterNames.Json));
        Assert.That(Api.Services.GetService<TracerProvider>(), Is.Null, "no exporter, no spans: the SDK does not run");
        using var response = Client.GetAsync("/metrics").GetAwaiter().GetResult();
        Assert.That((int)response.StatusCode, Is.Not.EqualTo(200), "no /metrics unless Telemetry:Prometheus says so");
    }

    private void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags) _metricTags.Add($"metric {instrument.Meter.Name}/{instrument.Name} {tag.Key}={tag.Value}");
    }

    /// <summary>The spans so far, once one matching <paramref name="awaited"/> is among them (Redis spans are flushed in batches).</summary>
    private async Task<List<Activity>> SpansAsync(Func<Activity, bool> awaited)
    {
        for (var waited = 0; waited < 20_000; waited += 200)
        {
            lock (_spans) if (_spans.Any(awaited)) return [.. _spans];
            await Task.Delay(200);
        }
        lock (_spans) return [.. _spans];
    }

    /// <summary>Every name, phone, address and openid in the database, and the apps' secrets.</summary>
    private async Task<List<string>> PersonalDataAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
        var values = new List<string?> { WishApiFactory.MiniProgramApp.Secret, WishApiFactory.OfficialAccountApp.Secret };
        foreach (var v in await db.Volunteers.AsNoTracking().ToListAsync()) values.AddRange([v.OpenId, v.Name, v.Phone]);
        foreach (var b in await db.Beneficiaries.AsNoTracking().ToListAsync()) values.AddRange([b.OpenId, b.Name, b.Phone, b.Address]);
        return values.Where(v => !string.IsNullOrEmpty(v) && v.Length >= 2).Select(v => v!).Distinct().ToList();
    }

    private static async Task<JsonElement> ExpectAsync(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(status), text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
