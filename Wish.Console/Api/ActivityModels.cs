namespace WeChatWish.Console.Api;

public sealed record ActivityLocation(double Lat, double Lng, int RadiusMeters);

public sealed record ActivityRequirements(string? TrainingCourse, int? MinStarLevel, Guid? OrganisationId);

public sealed record ActivityShift(Guid Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity, int Confirmed, int Waitlisted);

public sealed record ActivityItem(Guid Id, string Status, string Title, string Content, string ServiceKind, string DistrictCode, string Place,
    ActivityLocation? Location, ActivityRequirements? Requirements, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset CreatedAt,
    DateTimeOffset? PublishedAt, DateTimeOffset? EndedAt, string? CancelReason, List<ActivityShift> Shifts);

public sealed record ActivityPage(List<ActivityItem> Items, int Total, int Page, int PageSize);

public sealed record NewShiftBody(DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, int? Capacity);

public sealed record NewActivityBody(string? Title, string? Content, string? ServiceKind, string? DistrictCode, string? Place,
    ActivityLocation? Location, List<NewShiftBody> Shifts, ActivityRequirements? Requirements, Guid? ProjectId = null);

public sealed record CheckInCode(string Token, DateTimeOffset ExpiresAt);

public sealed record RosterEntry(Guid VolunteerId, string? Name, string? Phone, string Status, int? Position, DateTimeOffset SignedUpAt,
    DateTimeOffset? CheckedInAt, DateTimeOffset? CheckedOutAt, int ScannedMinutes, int? FinalMinutes, bool NoShow, int? Rating, string? Note,
    DateTimeOffset? AttendanceConfirmedAt);

public sealed record ShiftRoster(Guid ShiftId, Guid ActivityId, string Title, string Place, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    int Capacity, int Confirmed, int Waitlisted, List<RosterEntry> Entries);

public sealed record AttendanceEntryBody(Guid VolunteerId, int? Minutes, int? Rating, string? Note);

public sealed record AttendanceResult(int Attended, int NoShows, int Corrected, ShiftRoster Roster);

public sealed record AdminReward(Guid Id, string Name, string Partner, int PointsCost, int? Stock, int? Remaining, int? PerVolunteerLimit,
    DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo, int? MinStarLevel, DateTimeOffset CreatedAt);

public sealed record AdminRewardList(List<AdminReward> Items);

public sealed record NewRewardBody(string? Name, string? Partner, int? PointsCost, int? Stock, int? PerVolunteerLimit, DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo, int? MinStarLevel);

public sealed record RedemptionItem(Guid Id, string Code, string Status, Guid RewardId, string RewardName, string Partner, int Points,
    Guid VolunteerId, string? VolunteerName, DateTimeOffset ReservedAt, DateTimeOffset ExpiresAt, DateTimeOffset? EndedAt);

public sealed record RedemptionPage(List<RedemptionItem> Items, int Total, int Page, int PageSize);

public sealed record PassbookLine(DateTimeOffset At, string Place, string Content, int Minutes, int CumulativeMinutes, string? Witness, bool Final);

public sealed record LedgerLine(Guid Id, DateTimeOffset At, string Kind, int Points, string Reason);

public sealed record PassbookCertificate(string Course, DateTimeOffset IssuedAt, DateTimeOffset? ExpiresAt);

public sealed record PassbookCommendation(string Title, int Year, string Citation, int Points);

public sealed record VolunteerPassbook(Guid VolunteerId, string? Name, string? DistrictCode, string? Organisation, int Balance, int TotalMinutes,
    int StarLevel, List<PassbookLine> Entries, List<LedgerLine> Ledger, List<PassbookCertificate> Certificates, List<PassbookCommendation> Commendations);

/// <summary>The Chinese words for the activity and love-bank codes the API answers with.</summary>
public static class ActivityLabels
{
    public static readonly IReadOnlyList<(string Code, string Name)> ServiceKinds =
    [
        ("repair", "义务维修"), ("tutoring", "义务家教"), ("legal_aid", "法律援助"), ("health_care", "医疗保健"), ("community_help", "社区帮困"),
        ("education", "教育服务"), ("culture_sports", "文体服务"), ("environment", "环保服务"), ("other", "其他"),
    ];

    public static string ServiceKind(string code) => ServiceKinds.FirstOrDefault(k => k.Code == code).Name ?? code;

    public static string Status(string status) => status switch
    {
        "draft" => "草稿", "published" => "已发布", "finished" => "已结束", "cancelled" => "已取消", _ => status,
    };

    public static string SignUp(string status) => status switch
    {
        "confirmed" => "已确定", "waitlisted" => "候补", "cancelled" => "已取消", _ => status,
    };

    public static string Ledger(string kind) => kind switch
    {
        "earned" => "服务积分", "awarded" => "表彰奖励", "redeemed" => "兑换", "refunded" => "退回", "adjusted" => "调整", "reversed" => "冲正", _ => kind,
    };

    public static string Redemption(string status) => status switch
    {
        "reserved" => "待领取", "collected" => "已领取", "cancelled" => "已取消", "expired" => "已过期", _ => status,
    };
}
