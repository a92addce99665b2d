using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeChatWish.Api.Data;
using WeChatWish.Domain;
using WeChatWish.Tests.Fakes;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.WeChat;

namespace WeChatWish.Tests.Volunteers;

/// <summary>Mini-program sign-in against the fake WeChat API's jscode2session.</summary>
public sealed class SignInTests : MiniProgramTestBase
{
    private FakeWeChatApi _wechat = null!;
    private WebApplicationFactory<Program> _host = null!;
    private HttpClient _client = null!;
    private readonly CapturedLogs _logs = new();

    protected override WebApplicationFactory<Program> Host => _host;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _wechat = await FakeWeChatApi.StartAsync(WishApiFactory.MiniProgramApp);
        _host = (await TestRun.ApiAsync()).WithWebHostBuilder(b =>
        {
            b.UseSetting("WeChat:ApiBaseUrl", _wechat.BaseUrl.ToString());
            b.UseSetting("WeChat:Http:RetryDelay", "00:00:00.010");
            b.ConfigureLogging(l => l.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        });
        _client = _host.CreateClient();
    }

    [SetUp]
    public void ResetWeChat() => _wechat.Reset();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _wechat.DisposeAsync();
    }

    [Test]
    public async Task AGoodCodeCreatesTheVolunteerAndGivesATokenTheApiAccepts()
    {
        var login = await OkJsonAsync(await LoginAsync("good-code-1"));

        var volunteerId = login.GetProperty("volunteer").GetProperty("id").GetGuid();
        Assert.Multiple(() =>
        {
            Assert.That(login.GetProperty("accessToken").GetString(), Is.Not.Empty);
            Assert.That(login.GetProperty("expiresAt").GetDateTimeOffset(), Is.GreaterThan(DateTimeOffset.UtcNow.AddDays(1)));
            Assert.That(login.GetProperty("profileComplete").GetBoolean(), Is.False);
        });
        using var signedIn = _host.CreateBearerClient(login.GetProperty("accessToken").GetString()!);
        var me = await OkJsonAsync(await signedIn.GetAsync("/api/me"));
        Assert.That(me.GetProperty("id").GetGuid(), Is.EqualTo(volunteerId));
        await using var scope = Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<WishDbContext>().Volunteers.SingleAsync(v => v.Id == volunteerId);
        Assert.That(stored.OpenId, Is.EqualTo("o_good-code-1"));
    }

    [Test]
    public async Task TheSessionKeyNeverLeavesTheServerNorReachesTheLog()
    {
        var sessionKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("sk_secret-code".PadRight(16, '_')));

        var response = await LoginAsync("secret-code");

        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(_wechat.CallsTo(FakeWeChatApi.CodeToSession), Has.Count.EqualTo(1), "WeChat did hand out a session key");
        Assert.That(body, Does.Not.Contain(sessionKey).And.Not.Contain("session"));
        Assert.That(_logs.Lines, Has.None.Contains(sessionKey));
    }

    [Test]
    public async Task SigningInAgainFindsTheSameVolunteer()
    {
        Guid existing;
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
            var volunteer = Volunteer.Register("o_returning", DateTimeOffset.UtcNow);
            db.Volunteers.Add(volunteer);
            await db.SaveChangesAsync();
            existing = volunteer.Id;
        }

        var login = await OkJsonAsync(await LoginAsync("returning"));

        Assert.That(login.GetProperty("volunteer").GetProperty("id").GetGuid(), Is.EqualTo(existing));
    }

    [Test]
    public async Task AUsedCodeAnswers401()
    {
        await OkJsonAsync(await LoginAsync("once-only"));

        var problem = await OkJsonAsync(await LoginAsync("once-only"), 401);

        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("wechat.invalid_code"));
        Assert.That(problem.GetProperty("title").GetString(), Does.Contain("登录凭证"));
    }

    [TestCase(40029, HttpStatusCode.Unauthorized, "wechat.invalid_code", TestName = "An invalid code (40029) answers 401")]
    [TestCase(40163, HttpStatusCode.Unauthorized, "wechat.invalid_code", TestName = "A used code (40163) answers 401")]
    [TestCase(45011, HttpStatusCode.TooManyRequests, "wechat.rate_limited", TestName = "WeChat rate limiting (45011) answers 429")]
    [TestCase(-1, HttpStatusCode.ServiceUnavailable, "wechat.unavailable", TestName = "WeChat busy (-1) answers 503")]
    [TestCase(40226, HttpStatusCode.Forbidden, "wechat.blocked", TestName = "A blocked user (40226) answers 403")]
    public async Task WeChatRefusalsBecomeProblems(int errCode, HttpStatusCode status, string code)
    {
        _wechat.FailNext(FakeWeChatApi.CodeToSession, errCode, times: 5);

        var response = await LoginAsync("refused");

        var problem = await OkJsonAsync(response, (int)status);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(code));
        Assert.That(problem.GetProperty("title").GetString(), Has.Length.GreaterThan(4));
        if (status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            Assert.That(response.Headers.RetryAfter, Is.Not.Null);
        await using var scope = Services.CreateAsyncScope();
        Assert.That(await scope.ServiceProvider.GetRequiredService<WishDbContext>().Volunteers.AnyAsync(), Is.False, "no volunteer without a session");
    }

    [Test]
    public async Task WeChatUnreachableAnswers503()
    {
        _wechat.FailHttpNext(FakeWeChatApi.CodeToSession, 502, times: 5);

        var problem = await OkJsonAsync(await LoginAsync("unreachable"), 503);

        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("wechat.unavailable"));
    }

    [Test]
    public async Task AMissingCodeIsAValidationProblem()
    {
        var response = await _client.PostAsJsonAsync("/api/auth/wechat-login", new { code = "" });

        var problem = await OkJsonAsync(response, 400);
        Assert.That(problem.GetProperty("errors").TryGetProperty("code", out _), Is.True);
        Assert.That(_wechat.CallsTo(FakeWeChatApi.CodeToSession), Is.Empty);
    }

    private Task<HttpResponseMessage> LoginAsync(string code) => _client.PostAsJsonAsync("/api/auth/wechat-login", new { code });
}
