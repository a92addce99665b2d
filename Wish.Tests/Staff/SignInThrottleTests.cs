using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Staff;

/// <summary>ASP.NET Core's rate limiter on the sign-ins: a few attempts a minute from one address, a cap for all of them together.</summary>
public sealed class SignInThrottleTests : ApiTestBase
{
    private WebApplicationFactory<Program> NewHost(int perAddress, int total) => Api.WithWebHostBuilder(b =>
    {
        b.UseSetting("SignInLimits:PerAddressPerMinute", perAddress.ToString());
        b.UseSetting("SignInLimits:TotalPerMinute", total.ToString());
        b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new ClientAddressFromHeader()));
    });

    private static Task<HttpResponseMessage> PostFromAsync(HttpClient client, string path, object body, string address) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = JsonContent.Create(body),
            Headers = { { ClientAddressFromHeader.Header, address } },
        });

    [Test]
    public async Task OneAddressIsSlowedWithRetryAfterWhileAnotherStillGetsIn()
    {
        await using var host = NewHost(perAddress: 3, total: 1000);
        using var client = host.CreateClient();
        var statuses = new List<int>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 4; i++)
        {
            var response = await PostFromAsync(client, "/api/admin/auth/login", new { username = "admin", password = $"guess-{i}-abc" }, "198.51.100.7");
            statuses.Add((int)response.StatusCode);
            if (i == 3) refused = response; else response.Dispose();
        }
        using var other = await PostFromAsync(client, "/api/admin/auth/login", new { username = "admin", password = TestWeChat.AdminPassword }, "203.0.113.10");

        Assert.That(statuses, Is.EqualTo(new[] { 401, 401, 401, 429 }));
        Assert.That(refused!.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(refused.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("auth.sign_in_throttled"));
        Assert.That(problem.GetProperty("title").GetString(), Does.Contain("稍后"));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another address is not slowed");
        refused.Dispose();
    }

    [Test]
    public async Task AttemptsFromManyAddressesAreCappedTogetherOnBothSignIns()
    {
        await using var host = NewHost(perAddress: 100, total: 4);
        using var client = host.CreateClient();
        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            using var staff = await PostFromAsync(client, "/api/admin/auth/login", new { username = "admin", password = $"guess-{i}-abc" }, $"198.51.100.{i}");
            statuses.Add((int)staff.StatusCode);
        }
        using var volunteer = await PostFromAsync(client, "/api/auth/wechat-login", new { code = "any-code" }, "198.51.100.50");
        using var staffAgain = await PostFromAsync(client, "/api/admin/auth/login", new { username = "admin", password = "guess-x-abc" }, "198.51.100.60");
        using var volunteerAgain = await PostFromAsync(client, "/api/auth/wechat-login", new { code = "any-code" }, "198.51.100.61");
        using var elsewhere = await client.GetAsync("/health/live");

        Assert.That(statuses, Is.EqualTo(new[] { 401, 401, 401 }));
        Assert.That((int)volunteer.StatusCode, Is.Not.EqualTo(429), "the fourth attempt is still within the cap");
        Assert.That((int)staffAgain.StatusCode, Is.EqualTo(429));
        Assert.That((int)volunteerAgain.StatusCode, Is.EqualTo(429), "the volunteer sign-in shares the cap");
        Assert.That(elsewhere.StatusCode, Is.EqualTo(HttpStatusCode.OK), "nothing but sign-in is throttled");
    }
}
