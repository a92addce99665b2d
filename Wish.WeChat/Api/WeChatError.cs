namespace WeChatWish.WeChat;

/// <summary>What went wrong, in terms a caller can act on.</summary>
public enum WeChatErrorKind
{
    /// <summary>43004: the recipient does not follow the official account.</summary>
    NotFollowing,

    /// <summary>43101: the user has not subscribed to this mini-program message.</summary>
    NotSubscribed,

    /// <summary>45009: the daily API quota is used up.</summary>
    QuotaExceeded,

    /// <summary>40029: the login code is invalid.</summary>
    InvalidCode,

    /// <summary>40163: the login code has been used already.</summary>
    CodeUsed,

    /// <summary>45011: calls are too frequent.</summary>
    RateLimited,

    /// <summary>40226: the user is blocked by WeChat's risk control.</summary>
    Blocked,

    /// <summary>-1: WeChat is busy; try later.</summary>
    Busy,

    /// <summary>40001, 40014, 42001: the access token is invalid or expired.</summary>
    InvalidToken,

    /// <summary>No usable answer from WeChat: timeout, connection failure, HTTP 5xx or a body that is not JSON.</summary>
    Unavailable,

    /// <summary>Any other errcode; see <see cref="WeChatError.ErrCode"/> and <see cref="WeChatError.ErrMsg"/>.</summary>
    Other,
}

/// <summary>A WeChat failure: the kind to switch on, and WeChat's own errcode and errmsg (0 when WeChat gave none).</summary>
public sealed record WeChatError(WeChatErrorKind Kind, int ErrCode, string ErrMsg)
{
    /// <summary>Worth trying again later: WeChat was busy or could not be reached.</summary>
    public bool IsTransient => Kind is WeChatErrorKind.Busy or WeChatErrorKind.Unavailable;

    public static WeChatError FromCode(int errCode, string? errMsg) => new(KindOf(errCode), errCode, errMsg ?? "");

    public static WeChatErrorKind KindOf(int errCode) => errCode switch
    {
        43004 => WeChatErrorKind.NotFollowing,
        43101 => WeChatErrorKind.NotSubscribed,
        45009 => WeChatErrorKind.QuotaExceeded,
        40029 => WeChatErrorKind.InvalidCode,
        40163 => WeChatErrorKind.CodeUsed,
        45011 => WeChatErrorKind.RateLimited,
        40226 => WeChatErrorKind.Blocked,
        -1 => WeChatErrorKind.Busy,
        40001 or 40014 or 42001 => WeChatErrorKind.InvalidToken,
        _ => WeChatErrorKind.Other,
    };

    internal static WeChatError Unavailable(string reason) => new(WeChatErrorKind.Unavailable, 0, reason);
}
