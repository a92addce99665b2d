namespace WeChatWish.Api.Data;

/// <summary>The last wish code sequence handed out for a round; only <see cref="WishCodeAllocator"/> writes it.</summary>
public sealed class WishCodeCounter
{
    public const string TableName = "WishCodeCounters";

    /// <summary>The round as yyyyMM.</summary>
    public int Round { get; set; }

    public int Last { get; set; }
}
