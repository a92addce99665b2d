using System.Linq.Expressions;
using FluentValidation;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Api.ReferenceData;
using WeChatWish.Api.Staff;
using WeChatWish.Domain;

namespace WeChatWish.Api.Projects;

/// <summary><c>POST /api/admin/projects</c>: a project for a team; frequency once, daily, weekly, fortnightly, monthly or other.</summary>
public sealed record CreateProjectRequest(string? Name, string? Need, Guid? OrganisationId, string? Frequency, string? FrequencyNote,
    string? Place, string? Content, string? DistrictCode)
{
    public NewProject ToNewProject() => new(Name, Need, OrganisationId!.Value, ApiEnum.Parse<ProjectFrequency>(Frequency)!.Value, FrequencyNote,
        Place, Content, DistrictCode);
}

public sealed class CreateProjectRequestValidator : AbstractValidator<CreateProjectRequest>
{
    public CreateProjectRequestValidator(DistrictDirectory districts)
    {
        RuleFor(r => r.OrganisationId).NotEmpty().WithMessage("请选择承接项目的志愿组织。");
        ProjectRules.Apply(this, r => r.Name, r => r.Need, r => r.Frequency, r => r.FrequencyNote, r => r.Place, r => r.Content);
        RuleFor(r => r.DistrictCode).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("请选择所在区。")
            .MustAsync((code, ct) => districts.ExistsAsync(code, ct)).WithMessage("请从列表中选择所在区。");
    }
}

/// <summary><c>POST /api/organisations/{id}/projects</c>: a leader proposes for their team; the district defaults to the team's.</summary>
public sealed record ProposeProjectRequest(string? Name, string? Need, string? Frequency, string? FrequencyNote, string? Place, string? Content,
    string? DistrictCode)
{
    public NewProject ToNewProject(Organisation team) => new(Name, Need, team.Id, ApiEnum.Parse<ProjectFrequency>(Frequency)!.Value, FrequencyNote,
        Place, Content, string.IsNullOrWhiteSpace(DistrictCode) ? team.DistrictCode : DistrictCode);
}

public sealed class ProposeProjectRequestValidator : AbstractValidator<ProposeProjectRequest>
{
    public ProposeProjectRequestValidator(DistrictDirectory districts)
    {
        ProjectRules.Apply(this, r => r.Name, r => r.Need, r => r.Frequency, r => r.FrequencyNote, r => r.Place, r => r.Content);
        RuleFor(r => r.DistrictCode).MustAsync((code, ct) => districts.ExistsAsync(code!, ct)).WithMessage("请从列表中选择所在区。")
            .When(r => !string.IsNullOrWhiteSpace(r.DistrictCode));
    }
}

internal static class ProjectRules
{
    /// <summary>The rules a staff proposal and a leader's share, worded once.</summary>
    public static void Apply<T>(AbstractValidator<T> v, Expression<Func<T, string?>> name, Expression<Func<T, string?>> need,
        Expression<Func<T, string?>> frequency, Expression<Func<T, string?>> frequencyNote, Expression<Func<T, string?>> place,
        Expression<Func<T, string?>> content)
    {
        v.RuleFor(name).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("请填写项目名称。")
            .MaximumLength(Project.NameMaxLength).WithMessage($"项目名称不能超过{Project.NameMaxLength}个字。").Printable();
        v.RuleFor(need).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("请填写服务需求。")
            .MaximumLength(Project.NeedMaxLength).WithMessage($"服务需求不能超过{Project.NeedMaxLength}个字。").Printable();
        v.RuleFor(frequency).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("请选择服务频次。")
            .Must(f => ApiEnum.Parse<ProjectFrequency>(f) is not null)
            .WithMessage("服务频次只能是 " + string.Join("、", Enum.GetValues<ProjectFrequency>().Select(ApiEnum.Name)) + "。");
        v.RuleFor(frequencyNote).Cascade(CascadeMode.Stop).MaximumLength(Project.FrequencyNoteMaxLength)
            .WithMessage($"频次说明不能超过{Project.FrequencyNoteMaxLength}个字。").Printable();
        v.RuleFor(place).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("请填写服务地点。")
            .MaximumLength(Project.PlaceMaxLength).WithMessage($"服务地点不能超过{Project.PlaceMaxLength}个字。").Printable();
        v.RuleFor(content).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("请填写服务内容。")
            .MaximumLength(Project.ContentMaxLength).WithMessage($"服务内容不能超过{Project.ContentMaxLength}个字。").Printable();
    }

    /// <summary>PostgreSQL text cannot hold U+0000 (it would be a 500), and no other control character belongs in a project's text;
    /// the same check <see cref="ControlCharacters"/> makes on every validated route, kept here for the validator used on its own.</summary>
    public static IRuleBuilderOptions<T, string?> Printable<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(s => !ControlCharacters.AnyIn(s)).WithMessage(ControlCharacters.Message);
}

/// <summary>Closing: both are required, but by the project (422 <c>project.evaluation_required</c>), so a client can switch on the code.</summary>
public sealed record CloseProjectRequest(string? Evaluation, int? Rating);

public sealed class CloseProjectRequestValidator : AbstractValidator<CloseProjectRequest>
{
    public CloseProjectRequestValidator()
    {
        RuleFor(r => r.Evaluation).Cascade(CascadeMode.Stop).MaximumLength(Project.EvaluationMaxLength)
            .WithMessage($"项目评估不能超过{Project.EvaluationMaxLength}个字。").Printable();
        RuleFor(r => r.Rating).InclusiveBetween(Project.MinRating, Project.MaxRating)
            .WithMessage($"评分应在{Project.MinRating}到{Project.MaxRating}之间。");
    }
}

/// <summary>Who joins the roster: a beneficiary by id, or the beneficiary of a wish by its code (what staff have to hand).</summary>
public sealed record RosterRequest(Guid? BeneficiaryId, string? WishCode);

public sealed class RosterRequestValidator : AbstractValidator<RosterRequest>
{
    public RosterRequestValidator()
    {
        RuleFor(r => r.BeneficiaryId).NotEmpty().WithMessage("请选择受助人，或填写其心愿编号。")
            .When(r => string.IsNullOrWhiteSpace(r.WishCode));
        RuleFor(r => r.WishCode).Cascade(CascadeMode.Stop).MaximumLength(WishCode.MaxLength).WithMessage("心愿编号格式不对。")
            .Must(c => WishCode.TryParse(c!.Trim().ToUpperInvariant(), out _, out _)).WithMessage("心愿编号格式不对，例如 W202612-0001。")
            .When(r => !string.IsNullOrWhiteSpace(r.WishCode));
        RuleFor(r => r).Must(r => r.BeneficiaryId is null || string.IsNullOrWhiteSpace(r.WishCode))
            .OverridePropertyName("beneficiaryId").WithMessage("受助人和心愿编号只填一个。");
    }
}

public sealed record RosterQuery(bool? IncludeRemoved);

/// <summary>The staff list: ?status&districtCode&organisationId&q&page&pageSize.</summary>
public sealed record ProjectListQuery(string? Status, string? DistrictCode, Guid? OrganisationId, string? Q, int? Page, int? PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int QueryMaxLength = 50;
}

public sealed class ProjectListQueryValidator : AbstractValidator<ProjectListQuery>
{
    public ProjectListQueryValidator()
    {
        RuleFor(q => q.Status).Must(s => ApiEnum.Parse<ProjectStatus>(s) is not null).When(q => !string.IsNullOrEmpty(q.Status))
            .WithMessage("状态只能是 proposed、approved、running 或 closed。");
        RuleFor(q => q.Q).MaximumLength(ProjectListQuery.QueryMaxLength).WithMessage($"查询内容不能超过{ProjectListQuery.QueryMaxLength}个字。");
        this.PagingRules(q => q.Page, q => q.PageSize, ProjectListQuery.MaxPageSize);
    }
}

/// <summary>A leader's list of their subtree's projects.</summary>
public sealed record TeamProjectQuery(string? Status, int? Page, int? PageSize);

public sealed class TeamProjectQueryValidator : AbstractValidator<TeamProjectQuery>
{
    public TeamProjectQueryValidator()
    {
        RuleFor(q => q.Status).Must(s => ApiEnum.Parse<ProjectStatus>(s) is not null).When(q => !string.IsNullOrEmpty(q.Status))
            .WithMessage("状态只能是 proposed、approved、running 或 closed。");
        this.PagingRules(q => q.Page, q => q.PageSize, ProjectListQuery.MaxPageSize);
    }
}
