using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Components;
using WeChatWish.Console.Auth;

namespace WeChatWish.Console.Api;

/// <summary>
/// The console's only way to the server: the REST API with the staff token. A 401 on a signed-in session means the token
/// ended, so the person goes to sign-in and comes back to the page they were on; any other error becomes an <see cref="ApiException"/>.
/// </summary>
public sealed class ApiClient(HttpClient http, Session session, NavigationManager navigation)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<T> GetAsync<T>(string url, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);
        return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
    }

    public async Task<T> PostAsync<T>(string url, object? body, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: Json) }, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
    }

    public async Task PostAsync(string url, object? body, CancellationToken cancellationToken = default)
    {
        using var _ = await SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: Json) }, cancellationToken);
    }

    public async Task<T> PostFileAsync<T>(string url, string fileName, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = form }, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
    }

    /// <summary>A file the API serves (an export, a template): its name, type and bytes.</summary>
    public async Task<DownloadedFile> DownloadAsync(string url, string fallbackName, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);
        var name = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? fallbackName;
        var type = response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
        return new DownloadedFile(name, type, await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        await session.LoadAsync();
        if (session.Current is { } signedIn) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", signedIn.Token);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException)
        {
            throw new ApiException(ApiProblem.Unreachable);
        }
        if (response.IsSuccessStatusCode) return response;

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Unauthorized && session.IsSignedIn)
            {
                await session.SignOutAsync();
                navigation.NavigateTo(SignInPage.For(navigation, expired: true));
                throw new ApiException(ApiProblem.SessionExpired);
            }
            throw new ApiException(await ApiProblem.ReadAsync(response));
        }
    }
}

public sealed record DownloadedFile(string Name, string ContentType, byte[] Content);

public static class SignInPage
{
    /// <summary>Where to go after signing in: only a page of the console; a returnUrl naming another site leads to the dashboard.</summary>
    public static string SafeReturn(string? returnUrl) =>
        returnUrl is { Length: > 0 } r && !r.Contains("//", StringComparison.Ordinal) && !r.Contains(':') && !r.StartsWith('/') && !r.StartsWith('\\')
            ? r : "";

    /// <summary>The sign-in page's address that brings the person back to where they are now.</summary>
    public static string For(NavigationManager navigation, bool expired)
    {
        var here = navigation.ToBaseRelativePath(navigation.Uri);
        if (here.StartsWith("login", StringComparison.Ordinal)) here = "";
        var query = new List<string>();
        if (here.Length > 0) query.Add("returnUrl=" + Uri.EscapeDataString(here));
        if (expired) query.Add("expired=1");
        return "login" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }
}
