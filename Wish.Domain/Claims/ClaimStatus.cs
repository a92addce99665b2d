namespace WeChatWish.Domain;

/// <summary>A claim is a lease (DESIGN.md §4): Active until it ends one of four ways.</summary>
public enum ClaimStatus
{
    Active,
    Fulfilled,
    Released,
    Expired,
    Revoked,
}

public enum ClaimReminder
{
    ThreeDays,
    OneDay,
}

public static class ClaimStatusNames
{
    public static string ChineseName(this ClaimStatus status) => status switch
    {
        ClaimStatus.Active => "进行中",
        ClaimStatus.Fulfilled => "已完成",
        ClaimStatus.Released => "已放弃",
        ClaimStatus.Expired => "已过期",
        ClaimStatus.Revoked => "已撤销",
        _ => status.ToString(),
    };
}
