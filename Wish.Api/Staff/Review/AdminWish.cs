using WeChatWish.Api.Staff.Exports;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Review;

/// <summary>Full beneficiary data for staff: every time one is shown, the read is audited.</summary>
public sealed record AdminBeneficiary(Guid Id, string Name, string? Phone, string? Address, bool Erased)
{
    public static AdminBeneficiary Full(Beneficiary b) => new(b.Id, b.Name, b.Phone, b.Address, b.IsErased);

    /// <summary>王**, 138****1111, no address: what a list shows before anyone asks to see the person.</summary>
    public static AdminBeneficiary Masked(Beneficiary b) => new(b.Id, b.MaskedName, ExportsApi.MaskPhone(b.Phone), null, b.IsErased);
}

/// <summary>The answer to a reveal: everything the programme holds to reach the person.</summary>
public sealed record RevealedBeneficiary(Guid Id, string Name, string? Phone, string? Address, string? IdNumber, bool Erased)
{
    public static RevealedBeneficiary Of(Beneficiary b) => b.IsErased
        ? new(b.Id, Beneficiary.ErasedName, null, null, null, true)
        : new(b.Id, b.Name, b.Phone, b.Address, b.IdNumber, false);
}

/// <summary>Wishes per status for the review queue's tabs; every status is present, zeros included.</summary>
public sealed record WishCounts(IReadOnlyDictionary<string, int> Counts, int Total);

/// <summary>A wish as the staff console shows it (API.md adminWish).</summary>
public sealed record AdminWish(
    Guid Id, string Code, WishStatus Status, WishChannel Channel, WishCategory Category, WishKind Kind, string DistrictCode,
    string Content, decimal EstimatedCost, Urgency Urgency, string Round, IReadOnlyList<string> Flags, AdminBeneficiary Beneficiary,
    IReadOnlyList<string> PhotoUrls, string? ReviewNote, string? OverrideReason, string? RejectReason, string? WithdrawReason,
    DateTimeOffset CreatedAt, DateTimeOffset SubmittedAt, DateTimeOffset? VerifiedAt, DateTimeOffset? PublishedAt,
    DateTimeOffset? FulfilledAt, DateTimeOffset? ConfirmedAt)
{
    public static AdminWish Of(Wish w, Beneficiary b, bool masked = false) => new(
        w.Id, w.Code, w.Status, w.Channel, w.Category, w.Kind, w.DistrictCode, w.Content, w.EstimatedCost, w.Urgency, w.Round.ToString(),
        w.Flags.ToCodes(), masked ? AdminBeneficiary.Masked(b) : AdminBeneficiary.Full(b), w.Photos.Select(p => p.Url).ToList(),
        w.ReviewNote, w.OverrideReason, w.RejectReason, w.WithdrawReason, w.CreatedAt, w.SubmittedAt, w.VerifiedAt, w.PublishedAt,
        w.FulfilledAt, w.ConfirmedAt);
}

public sealed record AdminWishPage(IReadOnlyList<AdminWish> Items, int Total, int Page, int PageSize);

public sealed record HistoryLine(WishAction Action, WishStatus From, WishStatus To, DateTimeOffset At, string By, string? Note);

public sealed record AdminClaim(Guid Id, Guid WishId, string WishCode, ClaimStatus Status, Guid VolunteerId, string? VolunteerName,
    DateTimeOffset ClaimedAt, DateTimeOffset DueAt, DateTimeOffset? EndedAt, string? EndReason)
{
    public static AdminClaim Of(Claim c, string wishCode, string? volunteerName) =>
        new(c.Id, c.WishId, wishCode, c.Status, c.VolunteerId, volunteerName, c.ClaimedAt, c.DueAt, c.EndedAt, c.EndReason);
}

public sealed record AdminFollowUp(Guid Id, Guid WishId, FollowUpMethod Method, int Satisfaction, string? Notes, string By,
    DateTimeOffset At, WishStatus WishStatus)
{
    public static AdminFollowUp Of(FollowUp f, WishStatus wishStatus) =>
        new(f.Id, f.WishId, f.Method, f.Satisfaction, f.Notes, f.By.ToString(), f.At, wishStatus);
}

/// <summary>One wish with its history, claims and follow-ups: what a reviewer opens before acting.</summary>
public sealed record AdminWishDetail(AdminWish Wish, IReadOnlyList<HistoryLine> History, IReadOnlyList<AdminClaim> Claims,
    IReadOnlyList<AdminFollowUp> FollowUps);
