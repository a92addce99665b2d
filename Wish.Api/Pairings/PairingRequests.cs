using FluentValidation;
using WeChatWish.Api.Claims;
using WeChatWish.Api.Staff;
using WeChatWish.Domain;

namespace WeChatWish.Api.Pairings;

/// <summary>A new pairing: the beneficiary by id or by one of their wishes' code; a volunteer or a team (one of the two).</summary>
public sealed record PairingRequest(Guid? BeneficiaryId, string? WishCode, Guid? VolunteerId, Guid? OrganisationId, DateOnly? StartsOn,
    DateOnly? EndsOn, int? EveryDays, string? Content, Guid? ProjectId);

public sealed class PairingRequestValidator : AbstractValidator<PairingRequest>
{
    public PairingRequestValidator()
    {
        RuleFor(r => r.BeneficiaryId).Cascade(CascadeMode.Stop)
            .Must((r, id) => id is not null ^ !string.IsNullOrWhiteSpace(r.WishCode)).WithMessage("请选择受助人，或填写其心愿编号（二选一）。");
        RuleFor(r => r.VolunteerId).Cascade(CascadeMode.Stop)
            .Must((r, id) => id is not null ^ r.OrganisationId is not null).WithMessage("请选择一位志愿者或一个服务队（二选一）。");
        RuleFor(r => r.StartsOn).NotNull().WithMessage("请填写开始日期。");
        RuleFor(r => r.EndsOn).Cascade(CascadeMode.Stop)
            .Must((r, end) => end is null || r.StartsOn is null || end >= r.StartsOn).WithMessage("结束日期不能早于开始日期。");
        RuleFor(r => r.EveryDays).Cascade(CascadeMode.Stop).NotNull().WithMessage("请填写走访间隔（天），例如每周一次填7。")
            .InclusiveBetween(1, Pairing.MaxEveryDays).WithMessage($"走访间隔应在1到{Pairing.MaxEveryDays}天之间。");
        RuleFor(r => r.Content).MaximumLength(Pairing.ContentMaxLength).WithMessage($"帮扶内容不能超过{Pairing.ContentMaxLength}个字。");
        RuleFor(r => r.WishCode).MaximumLength(WishCode.MaxLength).WithMessage("心愿编号格式不对。");
    }
}

public sealed record HandOnRequest(Guid? VolunteerId, Guid? OrganisationId, string? Reason);

public sealed class HandOnRequestValidator : AbstractValidator<HandOnRequest>
{
    public HandOnRequestValidator()
    {
        RuleFor(r => r.VolunteerId).Cascade(CascadeMode.Stop)
            .Must((r, id) => id is not null ^ r.OrganisationId is not null).WithMessage("请选择接力的志愿者或服务队（二选一）。");
        RuleFor(r => r.Reason).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("请写明接力原因。")
            .MaximumLength(Pairing.ReasonMaxLength).WithMessage($"接力原因不能超过{Pairing.ReasonMaxLength}个字。");
    }
}

public sealed record EndPairingRequest(string? Reason);

public sealed class EndPairingRequestValidator : AbstractValidator<EndPairingRequest>
{
    public EndPairingRequestValidator() =>
        RuleFor(r => r.Reason).MaximumLength(Pairing.ReasonMaxLength).WithMessage($"结束原因不能超过{Pairing.ReasonMaxLength}个字。");
}

/// <summary>A visit; <see cref="At"/> defaults to now; <see cref="VolunteerId"/> names the visitor when someone records for them.</summary>
public sealed record VisitRequest(DateTimeOffset? At, int? Minutes, string? Content, Guid? VolunteerId);

public sealed class VisitRequestValidator : AbstractValidator<VisitRequest>
{
    public VisitRequestValidator()
    {
        RuleFor(r => r.Minutes).Cascade(CascadeMode.Stop).NotNull().WithMessage("请填写服务时长（分钟）。")
            .InclusiveBetween(1, ServiceRecordEntry.MaxMinutes).WithMessage($"服务时长应在1到{ServiceRecordEntry.MaxMinutes}分钟之间。");
        RuleFor(r => r.Content).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("请写一下这次走访做了什么。")
            .Must(c => c!.Trim().Length <= PairingVisit.ContentMaxLength).WithMessage($"走访内容不能超过{PairingVisit.ContentMaxLength}个字。");
    }
}

/// <summary>?status=active|ended&amp;districtCode&amp;overdue=true&amp;page&amp;pageSize.</summary>
public sealed record PairingListQuery(string? Status, string? DistrictCode, bool? Overdue, int? Page, int? PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
}

public sealed class PairingListQueryValidator : AbstractValidator<PairingListQuery>
{
    public PairingListQueryValidator()
    {
        RuleFor(q => q.Status).Cascade(CascadeMode.Stop).Must(s => ApiEnum.Parse<PairingStatus>(s) is not null).When(q => !string.IsNullOrEmpty(q.Status))
            .WithMessage("状态只能是 active 或 ended。");
        this.PagingRules(q => q.Page, q => q.PageSize, PairingListQuery.MaxPageSize);
    }
}

/// <summary>A pairing in a list: the beneficiary masked, the holder named, the next visit's due date and whether it is overdue.</summary>
public sealed record PairingView(Guid Id, PairingStatus Status, Guid BeneficiaryId, string BeneficiaryName, string DistrictCode, Guid? VolunteerId,
    string? VolunteerName, Guid? OrganisationId, string? OrganisationName, Guid? ProjectId, string? Content, DateOnly StartsOn, DateOnly? EndsOn,
    int EveryDays, DateOnly? LastVisitOn, DateOnly NextDueOn, bool Overdue, int Visits, DateTimeOffset CreatedAt, DateTimeOffset? EndedAt,
    string? EndReason);

public sealed record PairingPage(IReadOnlyList<PairingView> Items, int Total, int Page, int PageSize);

public sealed record PairingVisitView(Guid Id, DateTimeOffset At, int Minutes, string Content, Guid VolunteerId, string? VolunteerName, string RecordedBy,
    bool Final);

public sealed record PairingHandoverView(Guid Id, DateTimeOffset At, Guid? FromVolunteerId, string? FromName, Guid? ToVolunteerId, string? ToName,
    Guid? FromOrganisationId, Guid? ToOrganisationId, string By, string Reason);

/// <summary>One pairing for staff: the beneficiary's contact (an audited read), every visit and every hand-on.</summary>
public sealed record PairingDetail(PairingView Pairing, BeneficiaryContact? Beneficiary, IReadOnlyList<PairingVisitView> Visits,
    IReadOnlyList<PairingHandoverView> Handovers);

/// <summary>
/// A pairing as its holder sees it: the beneficiary masked, with contact only while the pairing is active and held by the caller
/// or their team (as a claimant sees it); the visits with who made them only as "mine or not".
/// </summary>
public sealed record MyPairingView(Guid Id, PairingStatus Status, string BeneficiaryName, string DistrictCode, BeneficiaryContact? Beneficiary,
    Guid? OrganisationId, string? OrganisationName, string? Content, DateOnly StartsOn, DateOnly? EndsOn, int EveryDays, DateOnly? LastVisitOn,
    DateOnly NextDueOn, bool Overdue, IReadOnlyList<MyVisitView> Visits);

public sealed record MyVisitView(Guid Id, DateTimeOffset At, int Minutes, string Content, bool Mine, bool Final);

public sealed record MyPairingList(IReadOnlyList<MyPairingView> Items);
