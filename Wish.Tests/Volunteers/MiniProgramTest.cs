using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Volunteers;

/// <summary>Base for mini-program tests: seeding on the shared host and calls made as a given volunteer.</summary>
public abstract class MiniProgramTest : ApiTest
{
    /// <summary>The host the test talks to; fixtures with their own host (fake clock, fake WeChat) override both.</summary>
    protected virtual IServiceProvider Services => Api.Services;

    protected virtual HttpClient Http => Client;

    protected Task<Guid> VolunteerAsync(string? district = "gulou", bool complete = true, string? name = null) =>
        MiniProgramSeed.VolunteerAsync(Services, district, complete, name);

    protected Task<PublishedWish> PublishedWishAsync(WishSpec? spec = null) => MiniProgramSeed.PublishedWishAsync(Services, spec);

    protected string TokenFor(Guid volunteerId) => MiniProgramSeed.Token(Services, volunteerId);

    protected Task<HttpResponseMessage> GetAsync(Guid volunteerId, string url) => SendAsync(volunteerId, HttpMethod.Get, url);

    protected Task<HttpResponseMessage> PostAsync(Guid volunteerId, string url, object? body = null) => SendAsync(volunteerId, HttpMethod.Post, url, body);

    protected Task<HttpResponseMessage> PutAsync(Guid volunteerId, string url, object body) => SendAsync(volunteerId, HttpMethod.Put, url, body);

    protected async Task<HttpResponseMessage> SendAsync(Guid volunteerId, HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(volunteerId));
        if (body is not null) request.Content = JsonContent.Create(body);
        return await Http.SendAsync(request);
    }

    protected static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    protected static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response, int status = 200)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(status), text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
