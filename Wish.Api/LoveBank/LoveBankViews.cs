using WeChatWish.Domain;

namespace WeChatWish.Api.LoveBank;

/// <summary>A reward as volunteers see it (API.md): <c>{id, name, partner, pointsCost, remaining?, minStarLevel?}</c>.</summary>
public sealed record RewardItem(Guid Id, string Name, string Partner, int PointsCost, int? Remaining, int? MinStarLevel, int? PerVolunteerLimit,
    DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo)
{
    public static RewardItem Of(Reward r) => new(r.Id, r.Name, r.Partner, r.PointsCost, r.Remaining, r.MinStarLevel, r.PerVolunteerLimit,
        r.ValidFrom, r.ValidTo);
}

public sealed record RewardList(IReadOnlyList<RewardItem> Items);

/// <summary>A reward for staff: the stock it started with beside what remains.</summary>
public sealed record AdminReward(Guid Id, string Name, string Partner, int PointsCost, int? Stock, int? Remaining, int? PerVolunteerLimit,
    DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo, int? MinStarLevel, DateTimeOffset CreatedAt)
{
    public static AdminReward Of(Reward r) => new(r.Id, r.Name, r.Partner, r.PointsCost, r.Stock, r.Remaining, r.PerVolunteerLimit, r.ValidFrom,
        r.ValidTo, r.MinStarLevel, r.CreatedAt);
}

public sealed record AdminRewardList(IReadOnlyList<AdminReward> Items);

/// <summary><c>{id, code, status}</c> and what it is for.</summary>
public sealed record RedemptionView(Guid Id, string Code, RedemptionStatus Status, Guid RewardId, string RewardName, string Partner, int Points,
    Guid VolunteerId, string? VolunteerName, DateTimeOffset ReservedAt, DateTimeOffset ExpiresAt, DateTimeOffset? EndedAt);

public sealed record RedemptionPage(IReadOnlyList<RedemptionView> Items, int Total, int Page, int PageSize);

public sealed record MyRedemptionList(IReadOnlyList<RedemptionView> Items);

public sealed record LedgerRow(Guid Id, DateTimeOffset At, LedgerKind Kind, int Points, string Reason);

/// <summary>One line of the 爱心存折 in time order, with the running total of final minutes.</summary>
public sealed record PassbookEntry(DateTimeOffset At, string Place, string Content, int Minutes, int CumulativeMinutes, string? Witness, bool Final);

/// <summary>
/// <c>GET /api/me/passbook</c> exactly as API.md gives it: <c>{balance, totalMinutes, starLevel, entries, ledger}</c>. Totals and the
/// running total count final entries only.
/// </summary>
public sealed record Passbook(int Balance, int TotalMinutes, int StarLevel, IReadOnlyList<PassbookEntry> Entries, IReadOnlyList<LedgerRow> Ledger);

public sealed record PassbookCertificate(string Course, DateTimeOffset IssuedAt, DateTimeOffset? ExpiresAt);

public sealed record PassbookCommendation(string Title, int Year, string Citation, int Points);

/// <summary>The passbook staff print: the volunteer named, beside the same book, with training and commendations.</summary>
public sealed record VolunteerPassbook(Guid VolunteerId, string? Name, string? DistrictCode, string? Organisation, int Balance, int TotalMinutes,
    int StarLevel, IReadOnlyList<PassbookEntry> Entries, IReadOnlyList<LedgerRow> Ledger, IReadOnlyList<PassbookCertificate> Certificates,
    IReadOnlyList<PassbookCommendation> Commendations);
