namespace WeChatWish.Console.Api;

public sealed record StaffOfferMatch(Guid Id, string RequestedBy, string? RequesterName, string? Note, DateTimeOffset At, int? CreditedMinutes,
    DateTimeOffset? CreditedAt, bool ForResident);

public sealed record StaffOffer(Guid Id, string Status, string What, string When, string DistrictCode, string DisplayName, string? OffererName,
    Guid? VolunteerId, DateTimeOffset SubmittedAt, DateTimeOffset? PublishedAt, string? RejectReason, DateTimeOffset? ClosedAt,
    List<StaffOfferMatch> Matches);

public sealed record StaffOfferPage(List<StaffOffer> Items, int Total, int Page, int PageSize);

public sealed record OfferCredit(Guid MatchId, int Minutes, Guid VolunteerId, Guid ServiceRecordEntryId);

public static class OfferStatuses
{
    public static readonly IReadOnlyList<(string Code, string Name)> All =
        [("submitted", "待审核"), ("published", "已发布"), ("rejected", "未通过"), ("closed", "已关闭")];

    public static string Name(string code) => All.FirstOrDefault(s => s.Code == code).Name ?? code;
}
