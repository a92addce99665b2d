namespace WeChatWish.Console.Api;

public sealed record ProjectItem(Guid Id, string Name, string Status, Guid OrganisationId, string OrganisationName, string Frequency, string? FrequencyNote,
    string Place, string DistrictCode, int Beneficiaries, int Activities, DateTimeOffset ProposedAt, int? Rating);

public sealed record ProjectPage(List<ProjectItem> Items, int Total, int Page, int PageSize);

public sealed record ProjectActivity(Guid Id, string Title, string Status, string Place, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

public sealed record ProjectDetail(Guid Id, string Name, string Status, string Need, Guid OrganisationId, string OrganisationName, string Frequency,
    string? FrequencyNote, string Place, string Content, string DistrictCode, string ProposedBy, DateTimeOffset ProposedAt, string? ApprovedBy,
    DateTimeOffset? ApprovedAt, DateTimeOffset? StartedAt, string? ClosedBy, DateTimeOffset? ClosedAt, string? Evaluation, int? Rating, int Beneficiaries,
    List<ProjectActivity> Activities);

public sealed record RosterBeneficiary(Guid Id, string Name, string? Phone, string? Address, bool Erased);

public sealed record ProjectRosterEntry(Guid Id, RosterBeneficiary Beneficiary, string DistrictCode, string AddedBy, DateTimeOffset AddedAt, string? RemovedBy,
    DateTimeOffset? RemovedAt);

public sealed record ProjectRoster(Guid ProjectId, List<ProjectRosterEntry> Items);

public static class ProjectLabels
{
    public static readonly IReadOnlyList<(string? Code, string Name)> Tabs =
        [(null, "全部"), ("proposed", "待审核"), ("approved", "已批准"), ("running", "实施中"), ("closed", "已结项")];

    public static readonly IReadOnlyList<(string Code, string Name)> Frequencies =
        [("once", "一次性"), ("daily", "每天"), ("weekly", "每周"), ("fortnightly", "每两周"), ("monthly", "每月"), ("other", "其他")];

    public static string Status(string code) => Tabs.FirstOrDefault(t => t.Code == code).Name ?? code;

    public static string Frequency(string code, string? note) =>
        (Frequencies.FirstOrDefault(f => f.Code == code).Name ?? code) + (string.IsNullOrEmpty(note) ? "" : $"（{note}）");
}
