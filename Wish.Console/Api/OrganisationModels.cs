namespace WeChatWish.Console.Api;

public sealed record OrganisationLeader(Guid VolunteerId, string? Name);

public sealed record OrganisationNode(Guid Id, string Name, string Level, Guid? ParentId, string DistrictCode, int Members, int Pending, int Children,
    List<OrganisationLeader> Leaders, DateTimeOffset CreatedAt);

public sealed record OrganisationPage(List<OrganisationNode> Items, int Total, int Page, int PageSize);

public sealed record OrganisationMember(Guid VolunteerId, string? Name, string? Phone, string? DistrictCode, Guid OrganisationId, string OrganisationName,
    string Status, bool IsLeader, DateTimeOffset AppliedAt);

public sealed record OrganisationMemberPage(List<OrganisationMember> Items, int Total, int Page, int PageSize);

public sealed record OrganisationFigures(Guid Id, int Organisations, int Members, int Pending, int Leaders, int TotalMinutes, int ActiveClaims,
    int FulfilledClaims, int Activities);

public sealed record TeamClaim(Guid Id, Guid WishId, string WishCode, string DistrictCode, string Status, Guid OrganisationId, string OrganisationName,
    Guid LeaderId, string? LeaderName, int Members, DateTimeOffset ClaimedAt, DateTimeOffset DueAt, DateTimeOffset? EndedAt);

public sealed record TeamClaimPage(List<TeamClaim> Items, int Total, int Page, int PageSize);

public static class OrganisationLevels
{
    public static readonly IReadOnlyList<(string Code, string Name)> All =
        [("center", "志愿者中心"), ("station", "志愿服务站"), ("team", "志愿服务队"), ("group", "志愿服务组")];

    public static string Name(string code) => All.FirstOrDefault(l => l.Code == code).Name ?? code;

    public static int Depth(string code) => All.Select(l => l.Code).ToList().IndexOf(code);
}
