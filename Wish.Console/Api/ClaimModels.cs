namespace WeChatWish.Console.Api;

/// <summary>A claim as staff see it in <c>GET /api/admin/claims</c>.</summary>
public sealed record ClaimRow(Guid Id, Guid WishId, string WishCode, string WishContent, string DistrictCode, string WishStatus,
    string Status, Guid VolunteerId, string VolunteerName, DateTimeOffset ClaimedAt, DateTimeOffset DueAt, bool Overdue,
    DateTimeOffset? EndedAt, int? Minutes);

public sealed record ClaimRowPage(List<ClaimRow> Items, int Total);

public sealed record AdminVolunteer(Guid Id, string Name, string? Phone, string? DistrictCode, int TotalMinutes, int PendingMinutes,
    int Points, int StarLevel, int ActiveClaims, int FulfilledClaims, DateTimeOffset RegisteredAt);

public sealed record AdminVolunteerPage(List<AdminVolunteer> Items, int Total);

public sealed record ServiceEntry(DateTimeOffset At, string Place, string Content, int Minutes, string? Witness, bool Final);

public sealed record AdminVolunteerDetail(Guid Id, string Name, string? Gender, int? BirthYear, string? PoliticalStatus, string? Phone,
    List<string> Specialties, string? ServiceIntent, string? DistrictCode, string? Organisation, DateTimeOffset RegisteredAt,
    int TotalMinutes, int PendingMinutes, int Points, int StarLevel, List<ServiceEntry> Entries, List<VolunteerClaim> Claims)
{
    public List<VolunteerCertificate> Trainings { get; init; } = [];

    public List<VolunteerCommendation> Commendations { get; init; } = [];

    public VolunteerRatings Ratings { get; init; } = new(0, null, []);
}

public sealed record VolunteerCertificate(string Course, DateTimeOffset IssuedAt, DateTimeOffset? ExpiresAt);

public sealed record VolunteerCommendation(string Title, string Citation, int Points, DateTimeOffset AwardedAt);

public sealed record VolunteerRating(Guid ActivityId, int Rating, DateTimeOffset At);

public sealed record VolunteerRatings(int Count, decimal? Average, List<VolunteerRating> Recent);

public sealed record VolunteerClaim(Guid Id, Guid WishId, string WishCode, string WishContent, string Status,
    DateTimeOffset ClaimedAt, DateTimeOffset DueAt, DateTimeOffset? EndedAt);
