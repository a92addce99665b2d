namespace WeChatWish.WeChat;

/// <summary>The <c>WeChat:Http</c> section: timeouts and retries for calls to the WeChat API.</summary>
public sealed class WeChatHttpOptions
{
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per call, counting the first; only transient failures (-1, HTTP 5xx, timeouts) are retried.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Delay before the first retry; it doubles for each further retry.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
