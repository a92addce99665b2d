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
    public static ClaimResponse From(Claim claim, Wish wish, Beneficiary beneficiary) =>
        From(claim, wish.Code, wish.MaskedContent, beneficiary.Name, beneficiary.Phone, beneficiary.Address);

    public static ClaimResponse From(Claim claim, string wishCode, string wishContent, string name, string? phone, string? address) =>
        new(claim.Id, claim.WishId, wishCode, wishContent, claim.Status, claim.ClaimedAt, claim.DueAt, claim.EndedAt,
            claim.IsActive ? new BeneficiaryContact(name, phone, address) : null);
}

public sealed record ClaimList(IReadOnlyList<ClaimResponse> Items);

public sealed record ReleaseRequest(string? Reason);

public sealed class ReleaseRequestValidator : AbstractValidator<ReleaseRequest>
{
    public ReleaseRequestValidator() =>
        RuleFor(r => r.Reason).MaximumLength(Claim.ReasonMaxLength).WithMessage($"放弃原因不能超过{Claim.ReasonMaxLength}个字。");
}

public sealed record FulfilmentRequest(string? Note, IReadOnlyList<string>? PhotoUrls, int? Minutes);

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
    }
}
