using FluentValidation;
using WeChatWish.Api.ReferenceData;
using WeChatWish.Api.Staff;
using WeChatWish.Domain;

namespace WeChatWish.Api.Organisations;

/// <summary>A new node: level is center, station, team or group; every level but a center has a parent.</summary>
public sealed record OrganisationRequest(string? Name, string? Level, Guid? ParentId, string? DistrictCode);

public sealed class OrganisationRequestValidator : AbstractValidator<OrganisationRequest>
{
    public OrganisationRequestValidator(DistrictDirectory districts)
    {
        RuleFor(r => r.Name).NotEmpty().WithMessage("请填写组织名称。")
            .MaximumLength(Organisation.NameMaxLength).WithMessage($"组织名称不能超过{Organisation.NameMaxLength}个字。");
        // Cascade Stop: the list check runs only on a value that is there (a When would have made NotEmpty conditional too).
        RuleFor(r => r.Level).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("请选择组织层级。")
            .Must(l => ApiEnum.Parse<OrganisationLevel>(l) is not null).WithMessage("组织层级只能是 center、station、team 或 group。");
        RuleFor(r => r.DistrictCode).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("请选择所在区。")
            .MustAsync((code, ct) => districts.ExistsAsync(code, ct)).WithMessage("请从列表中选择所在区。");
    }
}

public sealed record LeaderRequest(Guid? VolunteerId);

public sealed class LeaderRequestValidator : AbstractValidator<LeaderRequest>
{
    public LeaderRequestValidator() => RuleFor(r => r.VolunteerId).NotEmpty().WithMessage("请选择负责人（志愿者）。");
}

public sealed record OrganisationListQuery(string? DistrictCode, Guid? ParentId, string? Q, int? Page, int? PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    public const int QueryMaxLength = 50;
}

public sealed class OrganisationListQueryValidator : AbstractValidator<OrganisationListQuery>
{
    public OrganisationListQueryValidator()
    {
        RuleFor(q => q.Q).MaximumLength(OrganisationListQuery.QueryMaxLength).WithMessage($"查询内容不能超过{OrganisationListQuery.QueryMaxLength}个字。");
        this.PagingRules(q => q.Page, q => q.PageSize, OrganisationListQuery.MaxPageSize);
    }
}

/// <summary>Members of a node and everything under it; status pending, approved or rejected.</summary>
public sealed record MemberListQuery(string? Status, int? Page, int? PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
}

public sealed class MemberListQueryValidator : AbstractValidator<MemberListQuery>
{
    public MemberListQueryValidator()
    {
        RuleFor(q => q.Status).Must(s => ApiEnum.Parse<MembershipStatus>(s) is not null).When(q => !string.IsNullOrEmpty(q.Status))
            .WithMessage("状态只能是 pending、approved 或 rejected。");
        this.PagingRules(q => q.Page, q => q.PageSize, MemberListQuery.MaxPageSize);
    }
}

public sealed record LeaderView(Guid VolunteerId, string? Name);

/// <summary>A node as staff see it: where it sits, its leaders, and the size of its own membership (not its subtree's).</summary>
public sealed record OrganisationView(Guid Id, string Name, OrganisationLevel Level, Guid? ParentId, string DistrictCode, int Members, int Pending,
    int Children, IReadOnlyList<LeaderView> Leaders, DateTimeOffset CreatedAt);

public sealed record OrganisationPage(IReadOnlyList<OrganisationView> Items, int Total, int Page, int PageSize);

/// <summary>A node as volunteers browse it to apply.</summary>
public sealed record PublicOrganisationView(Guid Id, string Name, OrganisationLevel Level, Guid? ParentId, string DistrictCode);

public sealed record PublicOrganisationPage(IReadOnlyList<PublicOrganisationView> Items, int Total, int Page, int PageSize);

public sealed record MembershipView(Guid OrganisationId, Guid VolunteerId, MembershipStatus Status, bool IsLeader, DateTimeOffset AppliedAt,
    DateTimeOffset? DecidedAt);

/// <summary>One volunteer's place in a node of the subtree: a leader needs the name and phone to reach their members.</summary>
public sealed record MemberView(Guid VolunteerId, string? Name, string? Phone, string? DistrictCode, Guid OrganisationId, string OrganisationName,
    MembershipStatus Status, bool IsLeader, DateTimeOffset AppliedAt);

public sealed record MemberPage(IReadOnlyList<MemberView> Items, int Total, int Page, int PageSize);

public sealed record MyOrganisationView(Guid OrganisationId, string Name, OrganisationLevel Level, string DistrictCode, MembershipStatus Status,
    bool IsLeader, DateTimeOffset AppliedAt);

/// <summary>
/// A node's figures with everything under it (a station's statistics page): nodes, distinct approved members, applications
/// waiting, final service minutes of those members, their claims, and the activities reserved for the subtree.
/// </summary>
public sealed record OrganisationStats(Guid Id, int Organisations, int Members, int Pending, int Leaders, int TotalMinutes, int ActiveClaims,
    int FulfilledClaims, int Activities);

public sealed record TeamClaimQuery(string? Status, int? Page, int? PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
}

public sealed class TeamClaimQueryValidator : AbstractValidator<TeamClaimQuery>
{
    public TeamClaimQueryValidator()
    {
        RuleFor(q => q.Status).Must(s => ApiEnum.Parse<ClaimStatus>(s) is not null).When(q => !string.IsNullOrEmpty(q.Status))
            .WithMessage("状态只能是 active、released、expired、revoked 或 fulfilled。");
        this.PagingRules(q => q.Page, q => q.PageSize, TeamClaimQuery.MaxPageSize);
    }
}

/// <summary>A team claim in a leader's list: the wish by code, the team, its leader and how many members are on it.</summary>
public sealed record TeamClaimView(Guid Id, Guid WishId, string WishCode, string DistrictCode, ClaimStatus Status, Guid OrganisationId,
    string OrganisationName, Guid LeaderId, string? LeaderName, int Members, DateTimeOffset ClaimedAt, DateTimeOffset DueAt, DateTimeOffset? EndedAt);

public sealed record TeamClaimPage(IReadOnlyList<TeamClaimView> Items, int Total, int Page, int PageSize);
