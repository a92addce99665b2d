using System.Text.Json;
using System.Text.Json.Nodes;

namespace WeChatWish.Tests.Fakes;

/// <summary>Token issuing and checking: only tokens this fake issued, and has not expired, are accepted.</summary>
public sealed partial class FakeWeChatApi
{
    private readonly Dictionary<string, IssuedToken> _tokens = [];
    private readonly Dictionary<string, string> _stableTokens = [];
    private int _tokenSequence;

    /// <summary>The <c>expires_in</c> of tokens issued from now on.</summary>
    public int TokenExpiresIn { get; set; } = 7200;

    /// <summary>Tokens issued so far, oldest first.</summary>
    public IReadOnlyList<string> IssuedTokens
    {
        get { lock (_gate) return [.. _tokens.Values.OrderBy(t => t.Sequence).Select(t => t.Value)]; }
    }

    /// <summary>Every token issued so far now answers <paramref name="errCode"/> (42001 expired, 40001 invalid).</summary>
    public void ExpireIssuedTokens(int errCode = 42001)
    {
        lock (_gate)
        {
            foreach (var token in _tokens.Values) token.RejectWith = errCode;
            _stableTokens.Clear();
        }
    }

    private JsonObject IssueToken(Dictionary<string, string> query)
    {
        if (TakeError(Token, null) is { } error) return error;
        if (query.GetValueOrDefault("grant_type") != "client_credential") return Error(40002, "invalid grant_type");
        if (CredentialsError(query.GetValueOrDefault("appid"), query.GetValueOrDefault("secret")) is { } bad) return bad;
        return TokenAnswer(NewToken(query["appid"]));
    }

    private JsonObject IssueStableToken(JsonElement body)
    {
        if (TakeError(StableToken, null) is { } error) return error;
        if (Str(body, "grant_type") != "client_credential") return Error(40002, "invalid grant_type");
        var appId = Str(body, "appid");
        if (CredentialsError(appId, Str(body, "secret")) is { } bad) return bad;
        lock (_gate)
        {
            // Normal mode hands back the current stable token while it is valid.
            if (!_stableTokens.TryGetValue(appId!, out var token)) _stableTokens[appId!] = token = NewToken(appId!);
            return TokenAnswer(token);
        }
    }

    private JsonObject? CredentialsError(string? appId, string? secret)
    {
        if (appId is null || !_apps.TryGetValue(appId, out var app)) return Error(40013, "invalid appid");
        return app.Secret == secret ? null : Error(40125, "invalid appsecret");
    }

    private string NewToken(string appId)
    {
        lock (_gate)
        {
            var sequence = ++_tokenSequence;
            var value = $"TOKEN_{appId}_{sequence}_{Guid.NewGuid():N}";
            _tokens[value] = new IssuedToken(value, appId, sequence);
            return value;
        }
    }

    private JsonObject TokenAnswer(string token) => new() { ["access_token"] = token, ["expires_in"] = TokenExpiresIn };

    /// <summary>Null when the call may proceed; otherwise the token error or the configured error.</summary>
    private JsonObject? Authorized(Dictionary<string, string> query, string endpoint, string? subject)
    {
        if (!query.TryGetValue("access_token", out var token) || token.Length == 0) return Error(41001, "access_token missing");
        lock (_gate)
        {
            if (!_tokens.TryGetValue(token, out var issued)) return Error(40001, "invalid credential, access_token is invalid or not latest");
            if (issued.RejectWith is { } code) return Error(code, code == 42001 ? "access_token expired" : "invalid credential");
        }
        return TakeError(endpoint, subject);
    }

    private sealed class IssuedToken(string value, string appId, int sequence)
    {
        public string Value { get; } = value;
        public string AppId { get; } = appId;
        public int Sequence { get; } = sequence;
        public int? RejectWith { get; set; }
    }
}
