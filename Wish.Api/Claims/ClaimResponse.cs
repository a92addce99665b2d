using FluentValidation;
using WeChatWish.Domain;

namespace WeChatWish.Api.Claims;

/// <summary>How to reach the beneficiary: only in the active claimant's own claim, and only while it is active.</summary>
public sealed record BeneficiaryContact(string Name, string? Phone, string? Address);

/// <summary>A claim as its volunteer sees it (API.md "claim"), with the wish's content so a list needs no second call.</summary>
public sealed record ClaimResponse(
    Guid Id,
    Guid WishId,
    string WishCode,
    string WishContent,
    ClaimStatus Status,
    DateTimeOffset ClaimedAt,
    DateTimeOffset DueAt,
    DateTimeOffset? EndedAt,
    BeneficiaryContact? Beneficiary)
{
    /// <summary>A team claim's organisation (多对一); null for a volunteer's own claim.</summary>
    public Guid? OrganisationId { get; init; }

    /// <summary>A team claim's leader (the claimant) and assigned members; null for a volunteer's own claim.</summary>
    public ClaimTeam? Team { get; init; }

    public static ClaimResponse From(Claim claim, Wish wish, Beneficiary beneficiary) =>
        From(claim, wish.Code, wish.MaskedContent, beneficiary.Name, beneficiary.Phone, beneficiary.Address);

    public static ClaimResponse From(Claim claim, string wishCode, string wishContent, string name, string? phone, string? address) =>
        new(claim.Id, claim.WishId, wishCode, wishContent, claim.Status, claim.ClaimedAt, claim.DueAt, claim.EndedAt,
            claim.IsActive ? new BeneficiaryContact(name, phone, address) : null)
        {
            OrganisationId = claim.OrganisationId,
        };
}

public sealed record ClaimTeam(Guid LeaderId, IReadOnlyList<ClaimTeamMember> Members);

public sealed record ClaimTeamMember(Guid VolunteerId, string? Name);

/// <summary>The optional body of a claim: a leader names the organisation to claim for the team; without it the claim is the caller's own.</summary>
public sealed record ClaimRequest(Guid? OrganisationId);

public sealed record AssignMembersRequest(IReadOnlyList<Guid>? VolunteerIds);

public sealed class AssignMembersRequestValidator : AbstractValidator<AssignMembersRequest>
{
    public const int MaxMembers = 50;

    public AssignMembersRequestValidator() =>
        RuleFor(r => r.VolunteerIds).NotEmpty().WithMessage("请选择要分派的队员。")
            .Must(ids => ids!.Count <= MaxMembers).WithMessage($"一次最多分派{MaxMembers}名队员。").When(r => r.VolunteerIds is not null);
}

/// <summary>A team member's own minutes on a fulfilled team claim.</summary>
public sealed record MemberMinutes(Guid? VolunteerId, int? Minutes);

public sealed record ClaimList(IReadOnlyList<ClaimResponse> Items);

public sealed record ReleaseRequest(string? Reason);

public sealed class ReleaseRequestValidator : AbstractValidator<ReleaseRequest>
{
    public ReleaseRequestValidator() =>
        RuleFor(r => r.Reason).MaximumLength(Claim.ReasonMaxLength).WithMessage($"放弃原因不能超过{Claim.ReasonMaxLength}个字。");
}

/// <summary>Minutes are the claimant's; on a team claim each assigned member gets the same unless <see cref="Members"/> gives theirs.</summary>
public sealed record FulfilmentRequest(string? Note, IReadOnlyList<string>? PhotoUrls, int? Minutes, IReadOnlyList<MemberMinutes>? Members = null);

public sealed class FulfilmentRequestValidator : AbstractValidator<FulfilmentRequest>
{
    public FulfilmentRequestValidator()
    {
        RuleFor(r => r.Note).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("请简单写一下完成情况，例如：已把书包送到孩子手中。")
            .Must(n => n!.Trim().Length <= Fulfilment.NoteMaxLength).WithMessage($"完成情况不能超过{Fulfilment.NoteMaxLength}个字。");
        RuleFor(r => r.PhotoUrls).Must(p => p is null || p.Count <= Fulfilment.MaxPhotos)
            .WithMessage($"最多上传{Fulfilment.MaxPhotos}张照片。");
        RuleForEach(r => r.PhotoUrls).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("照片地址不能为空。")
            .MaximumLength(Fulfilment.PhotoUrlMaxLength).WithMessage("照片地址过长。")
            .Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
            .WithMessage("照片地址应为 http(s) 链接。")
            .OverridePropertyName("photoUrls");
        RuleFor(r => r.Minutes).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("请填写服务时长（分钟）。")
            .InclusiveBetween(1, Fulfilment.MaxMinutes).WithMessage($"服务时长应在1到{Fulfilment.MaxMinutes}分钟之间。");
        RuleForEach(r => r.Members).ChildRules(m =>
        {
            m.RuleFor(x => x.VolunteerId).NotEmpty().WithMessage("请注明是哪位队员。");
            m.RuleFor(x => x.Minutes).NotNull().WithMessage("请填写队员的服务时长（分钟）。")
                .InclusiveBetween(1, Fulfilment.MaxMinutes).WithMessage($"服务时长应在1到{Fulfilment.MaxMinutes}分钟之间。");
        });
    }
}
