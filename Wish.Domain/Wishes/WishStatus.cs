namespace WeChatWish.Domain;

/// <summary>DESIGN.md §3. Member names are the API spellings under a snake_case-lower JSON policy.</summary>
public enum WishStatus
{
    /// <summary>A conversation still in progress; kept in conversation state, never stored as a <see cref="Wish"/>.</summary>
    Draft,
    Submitted,
    Verified,
    Rejected,
    Published,
    Claimed,
    Fulfilled,
    Confirmed,
    Withdrawn,
}

/// <summary>What happened to a wish, as recorded in its history and the audit log.</summary>
public enum WishAction
{
    Submitted,
    Verified,
    Rejected,
    Published,
    Claimed,
    ReturnedToPublished,
    Fulfilled,
    Confirmed,
    Withdrawn,
    MovedToRound,
}

public static class WishStatusNames
{
    public static string ChineseName(this WishStatus status) => status switch
    {
        WishStatus.Draft => "草稿",
        WishStatus.Submitted => "待审核",
        WishStatus.Verified => "已审核",
        WishStatus.Rejected => "未通过",
        WishStatus.Published => "已发布",
        WishStatus.Claimed => "已认领",
        WishStatus.Fulfilled => "已完成",
        WishStatus.Confirmed => "已回访确认",
        WishStatus.Withdrawn => "已撤回",
        _ => status.ToString(),
    };

    public static string ChineseName(this WishAction action) => action switch
    {
        WishAction.Submitted => "提交",
        WishAction.Verified => "审核通过",
        WishAction.Rejected => "驳回",
        WishAction.Published => "发布",
        WishAction.Claimed => "认领",
        WishAction.ReturnedToPublished => "重新发布",
        WishAction.Fulfilled => "完成",
        WishAction.Confirmed => "回访确认",
        WishAction.Withdrawn => "撤回",
        WishAction.MovedToRound => "转入其他轮次",
        _ => action.ToString(),
    };
}
