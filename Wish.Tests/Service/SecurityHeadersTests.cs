using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Staff;

namespace WeChatWish.Tests.Service;

/// <summary>Every answer says not to sniff, frame or refer; personal data is never stored by caches; API docs only where allowed.</summary>
public sealed class SecurityHeadersTests : ApiTestBase
{
    [Test]
    public async Task EveryAnswerRefusesSniffingFramingAndReferrers()
    {
        using var admin = Api.CreateStaffClient(await new StaffWorld(Api.Services).AdminAsync());
        foreach (var response in new[]
                 {
                     await admin.GetAsync("/api/admin/wishes"), await Client.GetAsync("/api/districts"),
                     await Client.GetAsync("/health/live"), await Client.GetAsync("/api/no-such-route"),
                 })
        {
            using (response)
            {
                var headers = response.Headers;
                Assert.That(headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }), response.RequestMessage!.RequestUri!.ToString());
                Assert.That(headers.GetValues("X-Frame-Options"), Is.EqualTo(new[] { "DENY" }));
                Assert.That(headers.GetValues("Referrer-Policy"), Is.EqualTo(new[] { "no-referrer" }));
                Assert.That(headers.GetValues("Content-Security-Policy").Single(), Does.Contain("frame-ancestors 'none'"));
            }
        }
    }

    [Test]
    public async Task AnswersWithPersonalDataAreNeverStoredButReferenceListsMayBe()
    {
        var wish = await new StaffWorld(Api.Services).SubmittedAsync();
        using var admin = Api.CreateStaffClient(await new StaffWorld(Api.Services).AdminAsync());

        using var detail = await admin.GetAsync($"/api/admin/wishes/{wish.Id}");
        using var export = await admin.GetAsync("/api/admin/exports/wishes.csv");
        using var districts = await Client.GetAsync("/api/districts");

        Assert.That(detail.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(export.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(districts.Headers.CacheControl?.NoStore ?? false, Is.False);
    }

    [Test]
    public async Task ApiDocsAreOffUnlessASettingAllowsThem()
    {
        await using var production = Api.WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("ApiDocs:Enabled", null);
        });
        using var client = production.CreateClient();

        Assert.That((await client.GetAsync("/openapi/v1.json")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await client.GetAsync("/scalar")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task TheDocumentDoesNotEchoAForgedHost()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "evil.example";
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Does.Not.Contain("evil.example"));
        var servers = JsonDocument.Parse(body).RootElement.TryGetProperty("servers", out var s) ? s.GetArrayLength() : 0;
        Assert.That(servers, Is.Zero, "no server entry unless ApiDocs:PublicUrl names one");
    }
}
