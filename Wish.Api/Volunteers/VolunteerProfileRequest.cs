using FluentValidation;
using WeChatWish.Api.ReferenceData;
using WeChatWish.Api.Wishes;
using WeChatWish.Domain;

namespace WeChatWish.Api.Volunteers;

/// <summary>
/// <c>PUT /api/me</c>: the whole profile at once. Enum fields are strings here so a wrong value is a field error
/// the mini-program can show, not a body that fails to bind.
/// </summary>
public sealed record VolunteerProfileRequest(
    string? Name,
    string? Gender,
    int? BirthYear,
    string? PoliticalStatus,
    string? Phone,
    IReadOnlyList<string>? Specialties,
    string? ServiceIntent,
    string? DistrictCode,
    string? Organisation)
{
    public VolunteerProfile ToProfile() => new(
        Name!, ParseGender(Gender)!.Value, BirthYear!.Value, ParsePoliticalStatus(PoliticalStatus)!.Value, Phone!,
        Specialties ?? [], ServiceIntent, DistrictCode!, Organisation);

    public static Gender? ParseGender(string? value) => value switch
    {
        "male" => Domain.Gender.Male,
        "female" => Domain.Gender.Female,
        _ => null,
    };

    public static PoliticalStatus? ParsePoliticalStatus(string? value) => value switch
    {
        "party_member" => Domain.PoliticalStatus.PartyMember,
        "probationary_member" => Domain.PoliticalStatus.ProbationaryMember,
        "league_member" => Domain.PoliticalStatus.LeagueMember,
        "democratic_party" => Domain.PoliticalStatus.DemocraticParty,
        "masses" => Domain.PoliticalStatus.Masses,
        _ => null,
    };
}

public sealed class VolunteerProfileRequestValidator : AbstractValidator<VolunteerProfileRequest>
{
    public VolunteerProfileRequestValidator(DistrictDirectory districts, TimeProvider clock)
    {
        RuleFor(r => r.Name).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("请填写姓名。")
            .Must(n => n!.Trim().Length <= Volunteer.NameMaxLength).WithMessage($"姓名不能超过{Volunteer.NameMaxLength}个字。");
        RuleFor(r => r.Gender).Must(g => VolunteerProfileRequest.ParseGender(g) is not null)
            .WithMessage("请选择性别：male 或 female。");
        RuleFor(r => r.BirthYear).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("请填写出生年份。")
            .Must(y => y >= Volunteer.MinBirthYear && y <= clock.GetUtcNow().Year)
            .WithMessage(_ => $"出生年份应在{Volunteer.MinBirthYear}到{clock.GetUtcNow().Year}之间。");
        RuleFor(r => r.PoliticalStatus).Must(p => VolunteerProfileRequest.ParsePoliticalStatus(p) is not null)
            .WithMessage("请选择政治面貌：party_member、probationary_member、league_member、democratic_party 或 masses。");
        RuleFor(r => r.Phone).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("请填写手机号码。")
            .Must(WishSubmissionValidator.IsMainlandMobile).WithMessage("手机号码应为11位数字，以1开头，例如 13812345678。");
        RuleFor(r => r.Specialties)
            .Must(s => s is null || s.Count(x => !string.IsNullOrWhiteSpace(x)) <= Volunteer.MaxSpecialties)
            .WithMessage($"特长最多填写{Volunteer.MaxSpecialties}项。");
        RuleForEach(r => r.Specialties)
            .Must(s => s is null || s.Trim().Length <= Volunteer.SpecialtyMaxLength)
            .WithMessage($"每项特长不能超过{Volunteer.SpecialtyMaxLength}个字。")
            .OverridePropertyName("specialties");
        RuleFor(r => r.ServiceIntent).Must(s => s is null || s.Trim().Length <= Volunteer.ServiceIntentMaxLength)
            .WithMessage($"服务意向不能超过{Volunteer.ServiceIntentMaxLength}个字。");
        RuleFor(r => r.DistrictCode).MustAsync((code, ct) => districts.ExistsAsync(code, ct))
            .WithMessage("请从列表中选择所在区。");
        RuleFor(r => r.Organisation).Must(s => s is null || s.Trim().Length <= Volunteer.OrganisationMaxLength)
            .WithMessage($"所在单位不能超过{Volunteer.OrganisationMaxLength}个字。");
    }
}
