using System.Text.Json;

namespace WeChatWish.Tests.Fakes;

/// <summary>One request the fake WeChat API received.</summary>
/// <param name="Path">The endpoint without the leading slash, e.g. <c>cgi-bin/token</c>.</param>
public sealed record FakeWeChatCall(string Path, IReadOnlyDictionary<string, string> Query, string Body, DateTimeOffset At)
{
    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;

    public JsonElement Json() => JsonDocument.Parse(Body).RootElement.Clone();
}

/// <summary>An app the fake knows: tokens and sessions are issued only for these credentials.</summary>
public sealed record FakeWeChatApp(string AppId, string Secret);
