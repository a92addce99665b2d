using WeChatWish.Domain;

namespace WeChatWish.Api.Volunteers;

/// <summary>A volunteer's own profile, as <c>GET/PUT /api/me</c> answer it.</summary>
public sealed record VolunteerResponse(
    Guid Id,
    string? Name,
    Gender? Gender,
    int? BirthYear,
    PoliticalStatus? PoliticalStatus,
    string? Phone,
    IReadOnlyList<string> Specialties,
    string? ServiceIntent,
    string? DistrictCode,
    string? Organisation,
    bool ProfileComplete)
{
    public static VolunteerResponse From(Volunteer v) => new(
        v.Id, v.Name, v.Gender, v.BirthYear, v.PoliticalStatus, v.Phone, v.Specialties, v.ServiceIntent, v.DistrictCode,
        v.Organisation, v.IsProfileComplete);
}
