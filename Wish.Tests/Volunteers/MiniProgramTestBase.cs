using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WeChatWish.Api.Auth;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Volunteers;

/// <summary>Base for mini-program tests: seeding on the shared host and clients signed in as a given volunteer.</summary>
public abstract class MiniProgramTestBase : ApiTestBase
{
    private readonly List<HttpClient> _clients = [];

    /// <summary>The host the test talks to; fixtures with their own host (fake clock, fake WeChat) override it.</summary>
    protected virtual WebApplicationFactory<Program> Host => Api;

    protected IServiceProvider Services => Host.Services;

    protected Task<Guid> VolunteerAsync(string? district = "gulou", bool complete = true, string? name = null) =>
        MiniProgramSeed.VolunteerAsync(Services, district, complete, name);

    protected Task<PublishedWish> PublishedWishAsync(WishSpec? spec = null) => MiniProgramSeed.PublishedWishAsync(Services, spec);

    /// <summary>A client signed in as the volunteer; it is disposed after the test.</summary>
    protected HttpClient VolunteerClient(Guid volunteerId)
    {
        var client = Host.CreateVolunteerClient(volunteerId);
        _clients.Add(client);
        return client;
    }

    /// <summary>A new volunteer, as <see cref="VolunteerAsync"/> seeds one, and a client signed in as them.</summary>
    protected async Task<HttpClient> VolunteerClientAsync(string? district = "gulou", bool complete = true, string? name = null) =>
        VolunteerClient(await VolunteerAsync(district, complete, name));

    [TearDown]
    public void DisposeVolunteerClients()
    {
        foreach (var client in _clients) client.Dispose();
        _clients.Clear();
    }

    /// <summary>"VERB /route" of every endpoint <paramref name="include"/> picks, <c>{id:guid}</c> written <c>{id}</c>.</summary>
    protected IEnumerable<string> Routes(Func<RouteEndpoint, bool> include) =>
        Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(include)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/').Replace("{id:guid}", "{id}")}"))
            .Distinct();

    /// <summary>An endpoint a volunteer token opens.</summary>
    protected static bool IsVolunteerRoute(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is Policies.Volunteer or Policies.VolunteerToken or Policies.VolunteerOrStaff);

    protected static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    protected static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response, int status = 200)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(status), text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
