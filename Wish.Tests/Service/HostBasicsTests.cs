using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Service;

public sealed class HostBasicsTests : ApiTestBase
{
    [Test]
    public async Task LiveAndReadyAnswerHealthyWhenPostgresAndRedisAnswer()
    {
        var live = await Client.GetAsync("/health/live");
        var ready = await Client.GetAsync("/health/ready");

        Assert.Multiple(async () =>
        {
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await ready.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));
        });
    }

    [Test]
    public async Task OpenApiDocumentAndScalarAreServed()
    {
        var document = await Client.GetAsync("/openapi/v1.json");
        var scalar = await Client.GetAsync("/scalar");

        Assert.That(document.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var json = JsonDocument.Parse(await document.Content.ReadAsStringAsync());
        Assert.Multiple(() =>
        {
            Assert.That(json.RootElement.GetProperty("openapi").GetString(), Does.StartWith("3."));
            Assert.That(scalar.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task UnknownRouteAnswersProblemDetailsWithChineseTitle()
    {
        var response = await Client.GetAsync("/api/no-such-thing");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("找不到该资源"));
    }
}

public sealed class ReadinessTests
{
    [Test]
    public async Task ReadyIsUnhealthyWhilePostgresDoesNotAnswerAndLiveStaysUp()
    {
        var redis = await TestRun.RedisAsync();
        var closedPort = RedisServer.FreePort();
        await using var factory = new WishApiFactory(redis.ConnectionString, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = $"Host=127.0.0.1;Port={closedPort};Database=wechatwish_test;Username=postgres;Password=postgres;Timeout=2",
            ["Database:InitializeOnStartup"] = "false",
        });
        using var client = factory.CreateClient();

        var ready = await client.GetAsync("/health/ready");
        var live = await client.GetAsync("/health/live");

        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await ready.Content.ReadAsStringAsync(), Is.EqualTo("Unhealthy"));
        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ReadyIsUnhealthyWhileRedisIsDownAndHealthyAgainAfter()
    {
        var api = await TestRun.ApiAsync();
        var redis = await TestRun.RedisAsync();
        using var client = api.CreateClient();
        await redis.StopAsync();
        HttpResponseMessage down;
        try
        {
            down = await client.GetAsync("/health/ready");
        }
        finally
        {
            await redis.RestartAsync();
        }

        Assert.That(down.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        HttpResponseMessage up;
        do
        {
            await Task.Delay(200);
            up = await client.GetAsync("/health/ready");
        } while (up.StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline);
        Assert.That(up.StatusCode, Is.EqualTo(HttpStatusCode.OK), "ready again once Redis is back");
    }
}
