using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WeChatWish.Api.Auth;
using WeChatWish.Tests.Claims;

namespace WeChatWish.Tests.Service;

/// <summary>A bearer token is judged by the clock of the host that stamped it, whatever the system clock says.</summary>
public sealed class TokenLifetimeTests : FakeClockHostTest
{
    [Test]
    public async Task ATokenCountsFromItsIssueToTheEndOfItsLifetimeByTheHostsClock()
    {
        var volunteer = await VolunteerAsync();
        Clock.AdjustTime(Start.AddHours(1));
        var token = Services.GetRequiredService<TokenIssuer>().IssueVolunteer(volunteer).AccessToken;
        var lifetime = Services.GetRequiredService<IOptions<JwtOptions>>().Value.VolunteerTokenLifetime;

        Clock.AdjustTime(Start);
        var beforeIssue = await MeAsync(token);
        Clock.AdjustTime(Start.AddHours(1) + lifetime - TimeSpan.FromMinutes(1));
        var lastMinute = await MeAsync(token);
        Clock.AdjustTime(Start.AddHours(1) + lifetime + TimeSpan.FromMinutes(1));
        var afterLifetime = await MeAsync(token);

        Assert.Multiple(() =>
        {
            Assert.That(beforeIssue, Is.EqualTo(HttpStatusCode.Unauthorized), "not valid before it was issued");
            Assert.That(lastMinute, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(afterLifetime, Is.EqualTo(HttpStatusCode.Unauthorized), "expired");
        });
    }

    private async Task<HttpStatusCode> MeAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new("Bearer", token);
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }
}
