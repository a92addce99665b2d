using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WeChatWish.Api.Staff.Auth;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Staff;

/// <summary>
/// Sign-in on a host whose clock the tests move, so a lockout can be waited out without waiting. Each test gets a fresh fake
/// clock starting now, so one test's waiting does not carry into the next.
/// </summary>
public sealed class StaffSignInTests : ApiTestBase
{
    private FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private WebApplicationFactory<Program> _host = null!;
    private HttpClient _client = null!;
    private StaffWorld _world = null!;

    [OneTimeSetUp]
    public async Task StartHostAsync()
    {
        var api = await TestRun.ApiAsync();
        _host = api.WithWebHostBuilder(b =>
        {
            b.UseSetting("StaffAuth:MaxFailedLogins", "3");
            b.UseSetting("StaffAuth:Lockout", "00:10:00");
            b.ConfigureTestServices(s =>
            {
                s.AddSingleton<TimeProvider>(new ForwardingClock(() => _clock));
                s.AddSingleton<IStartupFilter>(new ClientAddressFromHeader());
            });
        });
    }

    [SetUp]
    public void NewClient()
    {
        _clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _client = _host.CreateClient();
        _world = new StaffWorld(_host.Services, _clock);
    }

    [TearDown]
    public void DisposeStaffClient() => _client.Dispose();

    [OneTimeTearDown]
    public async Task StopHostAsync() => await _host.DisposeAsync();

    private Task<HttpResponseMessage> LoginAsync(string username, string password, string from = "203.0.113.10") =>
        _client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/admin/auth/login")
        {
            Content = JsonContent.Create(new { username, password }),
            Headers = { { ClientAddressFromHeader.Header, from } },
        });

    [Test]
    public async Task RightPasswordGivesATokenThatOpensTheStaffApi()
    {
        await _world.CreateStaffAsync("Reviewer.Li", StaffRole.Reviewer);

        using var response = await LoginAsync("  reviewer.li ", StaffWorld.StaffPassword);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.GetProperty("role").GetString(), Is.EqualTo("reviewer"));
        Assert.That(body.GetProperty("expiresAt").GetDateTimeOffset(), Is.GreaterThan(_clock.GetUtcNow()));
        using var authed = _host.CreateBearerClient(body.GetProperty("accessToken").GetString()!);
        Assert.That((await authed.GetAsync("/api/admin/wishes")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task WrongPasswordAndUnknownUserGetTheSameAnswer()
    {
        await _world.CreateStaffAsync("reviewer", StaffRole.Reviewer);

        using var wrong = await LoginAsync("reviewer", "not-the-password-1");
        using var unknown = await LoginAsync("nobody-here", "not-the-password-1");

        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var wrongTitle = (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString();
        var unknownTitle = (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString();
        Assert.That(wrongTitle, Is.EqualTo(StaffAuthApi.WrongCredentials));
        Assert.That(unknownTitle, Is.EqualTo(wrongTitle));
    }

    [Test]
    public async Task RepeatedFailuresLockTheAccountEvenForTheRightPasswordUntilTheLockoutEnds()
    {
        var user = await _world.CreateStaffAsync("reviewer", StaffRole.Reviewer);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) statuses.Add((await LoginAsync("reviewer", $"wrong-password-{i}")).StatusCode);
        using var lockedOut = await LoginAsync("reviewer", StaffWorld.StaffPassword);

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, (HttpStatusCode)423 }));
        Assert.That((int)lockedOut.StatusCode, Is.EqualTo(423));
        Assert.That(lockedOut.Headers.RetryAfter, Is.Not.Null);
        Assert.That((await lockedOut.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), Does.Contain("锁定"));

        _clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        using var afterwards = await LoginAsync("reviewer", StaffWorld.StaffPassword);
        Assert.That(afterwards.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var audit = await _world.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == user.Id.ToString())
            .OrderBy(a => a.At).ThenBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.That(audit, Is.EqualTo(new[] { "staff.login_failed", "staff.login_failed", "staff.locked_out", "staff.signed_in" }));
    }

    [Test]
    public async Task PasswordsAreStoredOnlyAsHashes()
    {
        var user = await _world.CreateStaffAsync("reviewer", StaffRole.Reviewer);

        var stored = await _world.WithDbAsync(db => db.StaffUsers.Where(u => u.Id == user.Id).Select(u => u.PasswordHash).SingleAsync());

        Assert.That(stored, Does.Not.Contain(StaffWorld.StaffPassword));
        Assert.That(Convert.FromBase64String(stored)[0], Is.EqualTo(0x01), "ASP.NET Core Identity v3 hash format");
    }

    [Test]
    public async Task DeactivatedStaffAreShutOutAtOnceAndCannotSignIn()
    {
        var reviewer = await _world.CreateStaffAsync("reviewer", StaffRole.Reviewer);
        using var reviewerClient = _host.CreateStaffClient(reviewer);
        using var admin = _host.CreateStaffClient(await _world.AdminAsync());
        Assert.That((await reviewerClient.GetAsync("/api/admin/wishes")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var deactivated = await admin.PostAsync($"/api/admin/staff/{reviewer.Id}/deactivate", null);

        Assert.That(deactivated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var shutOut = await reviewerClient.GetAsync("/api/admin/wishes");
        Assert.That(shutOut.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "401: the holder must sign in again");
        Assert.That((await shutOut.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString(), Is.EqualTo("staff.token_revoked"));
        Assert.That((await LoginAsync("reviewer", StaffWorld.StaffPassword)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task ReactivatingAnAccountDoesNotBringItsOldTokensBack()
    {
        var reviewer = await _world.CreateStaffAsync("reviewer", StaffRole.Reviewer);
        using var old = _host.CreateStaffClient(reviewer);
        using var admin = _host.CreateStaffClient(await _world.AdminAsync());

        using var deactivated = await admin.PostAsync($"/api/admin/staff/{reviewer.Id}/deactivate", null);
        using var activated = await admin.PostAsync($"/api/admin/staff/{reviewer.Id}/activate", null);
        _clock.Advance(TimeSpan.FromHours(1));

        Assert.That(activated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await old.GetAsync("/api/admin/wishes")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "dead for ever");
        using var login = await LoginAsync("reviewer", StaffWorld.StaffPassword);
        using var fresh = _host.CreateBearerClient((await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!);
        Assert.That((await fresh.GetAsync("/api/admin/wishes")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "a new sign-in works");
    }

    [Test]
    public async Task GuessesFromOneAddressDoNotLockTheOwnerOutElsewhereNorRenewTheLock()
    {
        await _world.CreateStaffAsync("reviewer", StaffRole.Reviewer);
        for (var i = 0; i < 3; i++) await LoginAsync("reviewer", $"wrong-password-{i}", from: "198.51.100.7");
        using var attackerLocked = await LoginAsync("reviewer", StaffWorld.StaffPassword, from: "198.51.100.7");

        using var owner = await LoginAsync("reviewer", StaffWorld.StaffPassword, from: "203.0.113.10");

        Assert.That((int)attackerLocked.StatusCode, Is.EqualTo(423));
        Assert.That(owner.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the owner's own address was never locked");

        // The attacker keeps guessing through the lock: it still ends when it said.
        for (var minute = 1; minute < 10; minute++)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            await LoginAsync("reviewer", "still-guessing", from: "198.51.100.7");
        }
        _clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        using var afterwards = await LoginAsync("reviewer", StaffWorld.StaffPassword, from: "198.51.100.7");
        Assert.That(afterwards.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task UnknownNamesLockExactlyAsRealOnesDo()
    {
        await _world.CreateStaffAsync("reviewer", StaffRole.Reviewer);
        var real = new List<(int, string?, string?)>();
        var unknown = new List<(int, string?, string?)>();
        for (var i = 0; i < 4; i++)
        {
            real.Add(await ShapeAsync(await LoginAsync("reviewer", $"wrong-password-{i}")));
            unknown.Add(await ShapeAsync(await LoginAsync("no-such-person", $"wrong-password-{i}")));
        }

        Assert.That(unknown, Is.EqualTo(real), "status, title and code, attempt by attempt");
        Assert.That(real.Select(r => r.Item1), Is.EqualTo(new[] { 401, 401, 423, 423 }));
        Assert.That(real[2].Item3, Is.EqualTo("staff.sign_in_locked"));
    }

    private static async Task<(int, string?, string?)> ShapeAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            if ((int)response.StatusCode == 423) Assert.That(body.GetProperty("type").GetString(), Is.Not.Empty);
            return ((int)response.StatusCode, body.GetProperty("title").GetString(),
                body.TryGetProperty("code", out var code) ? code.GetString() : null);
        }
    }

    [Test]
    public async Task APasswordResetEndsTheTokensIssuedBeforeItButNotTheNextSignIn()
    {
        var reviewer = await _world.CreateStaffAsync("reviewer", StaffRole.Reviewer);
        using var stolen = _host.CreateStaffClient(reviewer);
        using var admin = _host.CreateStaffClient(await _world.AdminAsync());
        Assert.That((await stolen.GetAsync("/api/admin/wishes")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        // No time passes: a token of the very same instant as the reset ends with it too.

        using var reset = await admin.PostAsJsonAsync($"/api/admin/staff/{reviewer.Id}/reset-password", new { password = "Brand-New-Pass-3" });

        Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await stolen.GetAsync("/api/admin/wishes")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the old token is dead");
        using var login = await LoginAsync("reviewer", "Brand-New-Pass-3");
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        using var fresh = _host.CreateBearerClient(token);
        Assert.That((await fresh.GetAsync("/api/admin/wishes")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "a token from the new password works");
    }

    [Test]
    public async Task AdminCreatesAnAccountThatCanSignInAndResetsALockedOne()
    {
        using var admin = _host.CreateStaffClient(await _world.AdminAsync());

        using var created = await admin.PostAsJsonAsync("/api/admin/staff",
            new { userName = "coord.qixia", password = "Coordinator-Pass-1", role = "district_coordinator", districtCode = "qixia" });
        using var weak = await admin.PostAsJsonAsync("/api/admin/staff", new { userName = "weak", password = "short", role = "reviewer" });
        using var noDistrict = await admin.PostAsJsonAsync("/api/admin/staff", new { userName = "c2", password = "Coordinator-Pass-1", role = "district_coordinator" });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(weak.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(noDistrict.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        for (var i = 0; i < 3; i++) await LoginAsync("coord.qixia", "wrong-password-1");
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var reset = await admin.PostAsJsonAsync($"/api/admin/staff/{id}/reset-password", new { password = "Brand-New-Pass-2" });
        using var login = await LoginAsync("coord.qixia", "Brand-New-Pass-2");

        Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString(), Is.EqualTo("district_coordinator"));
    }
}

/// <summary>A clock the host keeps while a test swaps the fake behind it.</summary>
internal sealed class ForwardingClock(Func<TimeProvider> current) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => current().GetUtcNow();

    public override long GetTimestamp() => current().GetTimestamp();

    public override long TimestampFrequency => current().TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        current().CreateTimer(callback, state, dueTime, period);
}

/// <summary>Lets a test say which client address a request comes from, as a proxy's X-Forwarded-For would.</summary>
internal sealed class ClientAddressFromHeader : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, proceed) =>
        {
            if (http.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value, out var address))
                http.Connection.RemoteIpAddress = address;
            return proceed();
        });
        next(app);
    };
}
