using System.Net;
using System.Text.Json;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Service;

/// <summary>
/// PostgreSQL out of reach (as during deploy/faults.sh's restart) is not a bug in the request: 503 with Retry-After and a
/// ProblemDetails, so the mini-program and nginx know to try again, and the log says why without an error-level stack.
/// </summary>
public sealed class UnavailableTests
{
    [Test]
    public async Task WithPostgreSqlUnreachableRequestsAnswer503WithRetryAfter()
    {
        var redis = await TestRun.RedisAsync();
        await using var host = new WishApiFactory(redis.ConnectionString, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Database=nowhere;Username=postgres;Password=postgres;Timeout=1",
            ["Database:InitializeOnStartup"] = "false",
        });
        using var volunteer = host.CreateVolunteerClient(Guid.NewGuid());

        foreach (var request in new[] { new HttpRequestMessage(HttpMethod.Get, "/api/me"), new HttpRequestMessage(HttpMethod.Post, $"/api/wishes/{Guid.NewGuid()}/claim") })
        {
            using var response = await volunteer.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), $"{request.Method} {request.RequestUri}: {body}");
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("title").GetString(), Is.EqualTo("系统暂时无法处理，请稍后重试。"));
        }
    }
}
