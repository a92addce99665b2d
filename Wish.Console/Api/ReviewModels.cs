namespace WeChatWish.Console.Api;

/// <summary>The beneficiary as a wish carries them: masked (王**, 138****1111, no address) unless revealed.</summary>
public sealed record ReviewBeneficiary(Guid Id, string Name, string? Phone, string? Address, bool Erased);

public sealed record ReviewWish(Guid Id, string Code, string Status, string Channel, string Category, string Kind, string DistrictCode,
    string Content, decimal EstimatedCost, string Urgency, string Round, List<string> Flags, ReviewBeneficiary Beneficiary,
    List<string> PhotoUrls, string? ReviewNote, string? OverrideReason, string? RejectReason, string? WithdrawReason,
    DateTimeOffset CreatedAt, DateTimeOffset SubmittedAt, DateTimeOffset? VerifiedAt, DateTimeOffset? PublishedAt,
    DateTimeOffset? FulfilledAt, DateTimeOffset? ConfirmedAt);

public sealed record ReviewWishPage(List<ReviewWish> Items, int Total);

public sealed record ReviewCounts(Dictionary<string, int> Counts, int Total);

public sealed record WishHistoryLine(string Action, string From, string To, DateTimeOffset At, string By, string? Note);

public sealed record WishClaim(Guid Id, string Status, Guid VolunteerId, string? VolunteerName, DateTimeOffset ClaimedAt, DateTimeOffset DueAt,
    DateTimeOffset? EndedAt, string? EndReason);

public sealed record WishFollowUp(Guid Id, string Method, int Satisfaction, string? Notes, string By, DateTimeOffset At);

public sealed record ReviewWishDetail(ReviewWish Wish, List<WishHistoryLine> History, List<WishClaim> Claims, List<WishFollowUp> FollowUps);

public sealed record RevealedPerson(Guid Id, string Name, string? Phone, string? Address, string? IdNumber, bool Erased);

public sealed record BulkDone(Guid Id, string Code);

public sealed record BulkFailed(Guid Id, string? Code, string Title);

public sealed record BulkResult(List<BulkDone> Done, List<BulkFailed> Failed);

public sealed record RoundStatusFigures(string Status, int Count, decimal EstimatedCost);

public sealed record RoundRollOver(string Round, List<string> Codes);

public sealed record RoundWindows(DateTimeOffset CollectionOpensAt, DateTimeOffset CollectionEndsAt, DateTimeOffset PublicationEndsAt,
    DateTimeOffset FulfilmentEndsAt);

public sealed record RoundPublication(Guid Id, DateTimeOffset At, string? DistrictCode, string Status, int? Published, string RequestedBy);

public sealed record RoundDetail(string Round, RoundWindows Schedule, List<RoundStatusFigures> ByStatus, int Total, decimal EstimatedCost,
    List<RoundRollOver> RolledOut, List<RoundRollOver> RolledIn, List<RoundPublication> Publications);

public sealed record RoundPublishResult(int Published, List<string> Codes, RoundPublication? Scheduled);
