using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WeChatWish.Api.Auth;
using WeChatWish.Domain;
using WeChatWish.Tests.Fakes;

namespace WeChatWish.Tests.Infrastructure;

/// <summary>The real host against the test PostgreSQL database and the tests' own Redis.</summary>
public class WishApiFactory(string redisConnectionString, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    /// <summary>The two WeChat apps every test host is configured with, as a fake WeChat API must know them.</summary>
    public static readonly FakeWeChatApp OfficialAccountApp = new(TestWeChat.AppId, "oa-secret");

    public static readonly FakeWeChatApp MiniProgramApp = new("wxminiprogram0001", "mp-secret");

    /// <summary>Settings every test host gets; a test adds or overrides through the constructor.</summary>
    public static IReadOnlyDictionary<string, string?> BaseSettings(string redisConnectionString) => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Postgres"] = TestEnvironment.PostgresConnectionString,
        ["ConnectionStrings:Redis"] = redisConnectionString,
        ["Database:InitializeOnStartup"] = "true",
        ["WeChat:ApiBaseUrl"] = "http://127.0.0.1:9",
        ["WeChat:OfficialAccount:AppId"] = OfficialAccountApp.AppId,
        ["WeChat:OfficialAccount:AppSecret"] = OfficialAccountApp.Secret,
        ["WeChat:OfficialAccount:Token"] = TestWeChat.Token,
        ["WeChat:OfficialAccount:EncodingAESKey"] = TestWeChat.EncodingAesKey,
        ["WeChat:MiniProgram:AppId"] = MiniProgramApp.AppId,
        ["WeChat:MiniProgram:AppSecret"] = MiniProgramApp.Secret,
        ["Jwt:SigningKey"] = "test-signing-key-that-is-long-enough-0123456789",
        ["Seed:AdminPassword"] = TestWeChat.AdminPassword,
        // Tests run the lease job's passes themselves (ClaimLeaseSweeper.RunOnceAsync), so results do not depend on timing.
        ["ClaimLeases:Enabled"] = "false",
        // Round jobs move and publish wishes by the clock; tests that want them start a host of their own.
        ["StaffJobs:Enabled"] = "false",
        // Its dispatcher would claim rows the notification tests push to their own hosts (and send them to this dead address).
        ["Notifications:DispatcherEnabled"] = "false",
        // The contract tests read the document; a production host serves none unless ApiDocs:Enabled says so.
        ["ApiDocs:Enabled"] = "true",
        // Every test signs in from one address; the throttle's own tests set its limits low on a host of their own.
        ["SignInLimits:PerAddressPerMinute"] = "100000",
        ["SignInLimits:TotalPerMinute"] = "100000",
        // Activity and love-bank jobs: tests run their passes themselves (ShiftPlaceSweeper, Redemptions.ExpireDueAsync).
        ["ActivityJobs:Enabled"] = "false",
        ["PairingJobs:Enabled"] = "false",
        ["Rewards:ExpiryEnabled"] = "false",
        // Import jobs: tests run them with ImportJobRunner.RunOnceAsync (a second host of their own shows a job taken over).
        ["ImportJobs:Enabled"] = "false",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in BaseSettings(redisConnectionString))
            builder.UseSetting(key, value);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
    }
}

/// <summary>
/// Clients that carry a bearer token, minted by the host's own <see cref="TokenIssuer"/> as sign-in would mint it. Extensions of
/// every test host, so the hosts a fixture derives with <c>WithWebHostBuilder</c> (a fake clock, a fake WeChat) have them too.
/// </summary>
public static class WishApiClients
{
    public static HttpClient CreateVolunteerClient(this WebApplicationFactory<Program> host, Guid volunteerId) =>
        host.CreateBearerClient(host.Services.GetRequiredService<TokenIssuer>().IssueVolunteer(volunteerId).AccessToken);

    public static HttpClient CreateStaffClient(this WebApplicationFactory<Program> host, StaffUser staff) =>
        host.CreateBearerClient(host.Services.GetRequiredService<TokenIssuer>()
            .IssueStaff(staff).AccessToken);

    /// <summary>A client carrying a token the API itself answered with (a sign-in).</summary>
    public static HttpClient CreateBearerClient(this WebApplicationFactory<Program> host, string token)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

public static class TestWeChat
{
    public const string AppId = "wx2c2769f8efd9abc2";
    public const string Token = "spamtest";
    public const string EncodingAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    public const string AdminPassword = "Admin-Test-Password-1";
}
