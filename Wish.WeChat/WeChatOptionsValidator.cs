using Microsoft.Extensions.Options;

namespace WeChatWish.WeChat;

/// <summary>Checks the <c>WeChat</c> section at start-up; each failure names the setting to fix.</summary>
public sealed class WeChatOptionsValidator : IValidateOptions<WeChatOptions>
{
    private const string Section = WeChatOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, WeChatOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            failures.Add($"{Section}:ApiBaseUrl must be an absolute http or https URL");

        Required(failures, "OfficialAccount:AppId", options.OfficialAccount.AppId);
        Required(failures, "OfficialAccount:AppSecret", options.OfficialAccount.AppSecret);
        Required(failures, "OfficialAccount:Token", options.OfficialAccount.Token);
        if (EncodingAesKeyProblem(options.OfficialAccount.EncodingAESKey) is { } keyProblem)
            failures.Add($"{Section}:OfficialAccount:EncodingAESKey {keyProblem}");
        if (!string.IsNullOrEmpty(options.OfficialAccount.PreviousEncodingAESKey)
            && EncodingAesKeyProblem(options.OfficialAccount.PreviousEncodingAESKey) is { } previousProblem)
            failures.Add($"{Section}:OfficialAccount:PreviousEncodingAESKey {previousProblem}");

        Required(failures, "MiniProgram:AppId", options.MiniProgram.AppId);
        Required(failures, "MiniProgram:AppSecret", options.MiniProgram.AppSecret);
        if (!Enum.IsDefined(options.MiniProgram.State))
            failures.Add($"{Section}:MiniProgram:State must be formal, trial or developer");

        var tokens = options.Tokens;
        if (tokens.RefreshMargin < TimeSpan.Zero || tokens.RefreshMargin > TimeSpan.FromMinutes(60))
            failures.Add($"{Section}:Tokens:RefreshMargin must be between 0 and 60 minutes");
        if (tokens.LockTimeout < TimeSpan.FromSeconds(2))
            failures.Add($"{Section}:Tokens:LockTimeout must be at least 2 seconds");
        Required(failures, "Tokens:RedisKeyPrefix", tokens.RedisKeyPrefix);

        var http = options.Http;
        if (http.RequestTimeout <= TimeSpan.Zero)
            failures.Add($"{Section}:Http:RequestTimeout must be positive");
        if (http.MaxAttempts is < 1 or > 10)
            failures.Add($"{Section}:Http:MaxAttempts must be between 1 and 10");
        if (http.RetryDelay < TimeSpan.Zero)
            failures.Add($"{Section}:Http:RetryDelay must not be negative");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Why an EncodingAESKey is unusable, or null: 43 Base64 characters that decode, with "=" appended, to 32 bytes.</summary>
    public static string? EncodingAesKeyProblem(string? key)
    {
        if (string.IsNullOrEmpty(key)) return "is required";
        if (key.Length != 43) return $"must be 43 characters (it is {key.Length})";
        if (!key.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/'))
            return "must use only the Base64 alphabet (A-Z, a-z, 0-9, + and /)";
        Span<byte> bytes = stackalloc byte[33];
        if (!Convert.TryFromBase64String(key + "=", bytes, out var written) || written != 32)
            return "must decode, with \"=\" appended, to 32 bytes";
        return null;
    }

    private static void Required(List<string> failures, string setting, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) failures.Add($"{Section}:{setting} is required");
    }
}
