using WeChatWish.Api.Staff.Review;
using WeChatWish.Domain;

namespace WeChatWish.Api.Projects;

/// <summary>A project as lists show it: what it is, who carries it out and where it stands; never the people it serves.</summary>
public sealed record ProjectSummary(Guid Id, string Name, ProjectStatus Status, Guid OrganisationId, string OrganisationName, ProjectFrequency Frequency,
    string? FrequencyNote, string Place, string DistrictCode, int Beneficiaries, int Activities, DateTimeOffset ProposedAt, int? Rating);

public sealed record ProjectPage(IReadOnlyList<ProjectSummary> Items, int Total, int Page, int PageSize);

public sealed record ProjectActivityView(Guid Id, string Title, ActivityStatus Status, string Place, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>One project for staff: the whole record, its lifecycle with who and when, and its activities.</summary>
public sealed record ProjectView(Guid Id, string Name, ProjectStatus Status, string Need, Guid OrganisationId, string OrganisationName,
    ProjectFrequency Frequency, string? FrequencyNote, string Place, string Content, string DistrictCode, string ProposedBy, DateTimeOffset ProposedAt,
    string? ApprovedBy, DateTimeOffset? ApprovedAt, DateTimeOffset? StartedAt, string? ClosedBy, DateTimeOffset? ClosedAt, string? Evaluation,
    int? Rating, int Beneficiaries, IReadOnlyList<ProjectActivityView> Activities)
{
    public static ProjectView Of(Project p, string organisationName, int beneficiaries, IReadOnlyList<ProjectActivityView> activities) => new(
        p.Id, p.Name, p.Status, p.Need, p.OrganisationId, organisationName, p.Frequency, p.FrequencyNote, p.Place, p.Content, p.DistrictCode,
        p.ProposedBy.ToString(), p.ProposedAt, p.ApprovedBy?.ToString(), p.ApprovedAt, p.StartedAt, p.ClosedBy?.ToString(), p.ClosedAt,
        p.Evaluation, p.Rating, beneficiaries, activities);
}

/// <summary>A roster line: the beneficiary masked as in every staff list (王**, 138****1111), with who added and removed them.</summary>
public sealed record RosterEntryView(Guid Id, AdminBeneficiary Beneficiary, string DistrictCode, string AddedBy, DateTimeOffset AddedAt,
    string? RemovedBy, DateTimeOffset? RemovedAt)
{
    public static RosterEntryView Of(ProjectBeneficiary entry, Beneficiary b) => new(entry.Id, AdminBeneficiary.Masked(b), b.DistrictCode,
        entry.AddedBy.ToString(), entry.AddedAt, entry.RemovedBy?.ToString(), entry.RemovedAt);
}

public sealed record RosterView(Guid ProjectId, IReadOnlyList<RosterEntryView> Items);

/// <summary>A roster line for a team's leaders: who the team serves, never how to reach them (that comes with a claim or a pairing).</summary>
public sealed record TeamRosterEntry(Guid BeneficiaryId, string Name, string DistrictCode, DateTimeOffset AddedAt, bool Erased)
{
    public static TeamRosterEntry Of(ProjectBeneficiary entry, Beneficiary b) => new(b.Id, b.MaskedName, b.DistrictCode, entry.AddedAt, b.IsErased);
}

public sealed record TeamRosterView(Guid ProjectId, IReadOnlyList<TeamRosterEntry> Items);
