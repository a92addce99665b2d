using Microsoft.Extensions.Options;

namespace WeChatWish.Api.WeChat;

/// <summary>The <c>WeChatCallback</c> section.</summary>
public sealed class WeChatCallbackOptions
{
    public const string SectionName = "WeChatCallback";

    /// <summary>WeChat gives up after 5 s; answer "success" before that and let the handler finish.</summary>
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>How long a message id is remembered; WeChat's three retries come within about 15 s.</summary>
    public TimeSpan DedupWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How far a push's signed <c>timestamp</c> may be from this server's clock. Older (or later) pushes are refused like a bad
    /// signature, so a captured push replayed after <see cref="DedupWindow"/> has forgotten its id has no effect; for that
    /// the window must be at least twice this (a timestamp may be this far ahead of our clock, then this far behind).
    /// </summary>
    public TimeSpan MaxTimestampSkew { get; set; } = TimeSpan.FromMinutes(5);
}

public sealed class WeChatCallbackOptionsValidator : IValidateOptions<WeChatCallbackOptions>
{
    public ValidateOptionsResult Validate(string? name, WeChatCallbackOptions options)
    {
        var failures = new List<string>();
        if (options.ReplyTimeout <= TimeSpan.Zero) failures.Add("WeChatCallback:ReplyTimeout must be positive");
        if (options.MaxTimestampSkew <= TimeSpan.Zero) failures.Add("WeChatCallback:MaxTimestampSkew must be positive");
        if (options.DedupWindow < 2 * options.MaxTimestampSkew)
            failures.Add("WeChatCallback:DedupWindow must be at least twice WeChatCallback:MaxTimestampSkew");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
