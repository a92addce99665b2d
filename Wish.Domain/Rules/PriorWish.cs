namespace WeChatWish.Domain;

/// <summary>What the once-in-12-months rule needs to know about one of the beneficiary's earlier wishes.</summary>
public readonly record struct PriorWish(WishStatus Status, DateTimeOffset SubmittedAt);
