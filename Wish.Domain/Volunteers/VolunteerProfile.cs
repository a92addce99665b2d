namespace WeChatWish.Domain;

public enum Gender
{
    Male,
    Female,
}

/// <summary>政治面貌. Member names give the API spellings under snake_case-lower.</summary>
public enum PoliticalStatus
{
    PartyMember,
    ProbationaryMember,
    LeagueMember,
    DemocraticParty,
    Masses,
}

/// <summary>Everything <c>PUT /api/me</c> sets at once.</summary>
public sealed record VolunteerProfile(
    string Name,
    Gender Gender,
    int BirthYear,
    PoliticalStatus PoliticalStatus,
    string Phone,
    IReadOnlyList<string> Specialties,
    string? ServiceIntent,
    string DistrictCode,
    string? Organisation);
