using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WeChatWish.Api.Auth;
using WeChatWish.Tests.Claims;

namespace WeChatWish.Tests.Service;

/// <summary>A bearer token is judged by the clock of the host that stamped it, whatever the system clock says.</summary>
public sealed class TokenLifetimeTests : FakeClockHostTestBase
{
    [Test]
    public async Task ATokenCountsFromItsIssueToTheEndOfItsLifetimeByTheHostsClock()
    {
        var volunteer = await VolunteerAsync();
        var issuedAt = Start.AddHours(1);
        Clock.AdjustTime(issuedAt);
        using var client = VolunteerClient(volunteer);
        var lifetime = Services.GetRequiredService<IOptions<JwtOptions>>().Value.VolunteerTokenLifetime;

        Clock.AdjustTime(Start);
        var beforeIssue = (await client.GetAsync("/api/me")).StatusCode;
        Clock.AdjustTime(issuedAt + lifetime - TimeSpan.FromMinutes(1));
        var lastMinute = (await client.GetAsync("/api/me")).StatusCode;
        Clock.AdjustTime(issuedAt + lifetime + TimeSpan.FromMinutes(1));
        var afterLifetime = (await client.GetAsync("/api/me")).StatusCode;

        Assert.Multiple(() =>
        {
            Assert.That(beforeIssue, Is.EqualTo(HttpStatusCode.Unauthorized), "not valid before it was issued");
            Assert.That(lastMinute, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(afterLifetime, Is.EqualTo(HttpStatusCode.Unauthorized), "expired");
        });
    }
}
