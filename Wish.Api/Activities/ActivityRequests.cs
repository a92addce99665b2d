using FluentValidation;
using WeChatWish.Api.ReferenceData;
using WeChatWish.Api.Staff;
using WeChatWish.Domain;

namespace WeChatWish.Api.Activities;

public sealed record LocationRequest(double? Lat, double? Lng, int? RadiusMeters);

public sealed record ShiftRequest(DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, int? Capacity);

public sealed record RequirementsRequest(string? TrainingCourse, int? MinStarLevel, Guid? OrganisationId);

/// <summary>
/// <c>POST /api/admin/activities</c> (API.md "Activities"); the service kind in its API spelling (<c>legal_aid</c>); a project of
/// the library the activity belongs to, approved or running.
/// </summary>
public sealed record CreateActivityRequest(string? Title, string? Content, string? ServiceKind, string? DistrictCode, string? Place,
    LocationRequest? Location, IReadOnlyList<ShiftRequest>? Shifts, RequirementsRequest? Requirements, Guid? ProjectId = null)
{
    public NewActivity ToNewActivity() => new(Title!, Content!, ApiEnum.Parse<ServiceKind>(ServiceKind)!.Value, DistrictCode!, Place!,
        Location is { } l ? new ActivityLocation(l.Lat!.Value, l.Lng!.Value, l.RadiusMeters!.Value) : null,
        Shifts!.Select(s => new NewShift(s.StartsAt!.Value, s.EndsAt!.Value, s.Capacity!.Value)).ToList(),
        Requirements is { } r ? new ActivityRequirements(r.TrainingCourse, r.MinStarLevel, r.OrganisationId) : null);
}

public sealed class CreateActivityRequestValidator : AbstractValidator<CreateActivityRequest>
{
    public CreateActivityRequestValidator(DistrictDirectory districts)
    {
        RuleFor(r => r.Title).NotEmpty().WithMessage("请填写活动名称。")
            .MaximumLength(Activity.TitleMaxLength).WithMessage($"活动名称不能超过{Activity.TitleMaxLength}个字。");
        RuleFor(r => r.Content).NotEmpty().WithMessage("请填写活动内容。")
            .MaximumLength(Activity.ContentMaxLength).WithMessage($"活动内容不能超过{Activity.ContentMaxLength}个字。");
        RuleFor(r => r.ServiceKind).Must(k => ApiEnum.Parse<ServiceKind>(k) is not null)
            .WithMessage("请选择服务类别：" + string.Join("、", Enum.GetValues<ServiceKind>().Select(ApiEnum.Name)) + "。");
        RuleFor(r => r.DistrictCode).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("请选择所在区。")
            .MustAsync((code, ct) => districts.ExistsAsync(code, ct)).WithMessage("请从列表中选择所在区。");
        RuleFor(r => r.Place).NotEmpty().WithMessage("请填写活动地点。")
            .MaximumLength(Activity.PlaceMaxLength).WithMessage($"活动地点不能超过{Activity.PlaceMaxLength}个字。");
        RuleFor(r => r.Location!.Lat).NotNull().InclusiveBetween(-90, 90).WithMessage("纬度应在-90到90之间。").When(r => r.Location is not null);
        RuleFor(r => r.Location!.Lng).NotNull().InclusiveBetween(-180, 180).WithMessage("经度应在-180到180之间。").When(r => r.Location is not null);
        RuleFor(r => r.Location!.RadiusMeters).NotNull().InclusiveBetween(ActivityLocation.MinRadiusMeters, ActivityLocation.MaxRadiusMeters)
            .WithMessage($"签到范围应在{ActivityLocation.MinRadiusMeters}到{ActivityLocation.MaxRadiusMeters}米之间。").When(r => r.Location is not null);
        RuleFor(r => r.Shifts).NotEmpty().WithMessage("请至少添加一个班次。")
            .Must(s => s is null || s.Count <= Activity.MaxShifts).WithMessage($"一个活动最多{Activity.MaxShifts}个班次。");
        RuleForEach(r => r.Shifts).ChildRules(shift =>
        {
            shift.RuleFor(s => s.StartsAt).NotNull().WithMessage("请填写班次开始时间。");
            shift.RuleFor(s => s.EndsAt).NotNull().WithMessage("请填写班次结束时间。")
                .GreaterThan(s => s.StartsAt).WithMessage("班次的结束时间应晚于开始时间。").When(s => s.StartsAt is not null)
                .Must((s, end) => end - s.StartsAt <= Shift.MaxLength).WithMessage("一个班次最长24小时。").When(s => s.StartsAt is not null);
            shift.RuleFor(s => s.Capacity).NotNull().WithMessage("请填写名额。")
                .InclusiveBetween(1, Shift.MaxCapacity).WithMessage($"名额应在1到{Shift.MaxCapacity}之间。");
        });
        RuleFor(r => r.Requirements!.TrainingCourse).MaximumLength(Activity.TrainingCourseMaxLength)
            .WithMessage($"培训要求不能超过{Activity.TrainingCourseMaxLength}个字。").When(r => r.Requirements is not null);
        RuleFor(r => r.Requirements!.MinStarLevel).InclusiveBetween(1, WishRules.StarLevelHours.Count).WithMessage("星级要求应在1到5之间。")
            .When(r => r.Requirements is not null);
    }
}

public sealed record CancelActivityRequest(string? Reason);

public sealed class CancelActivityRequestValidator : AbstractValidator<CancelActivityRequest>
{
    public CancelActivityRequestValidator() =>
        RuleFor(r => r.Reason).NotEmpty().WithMessage("请填写取消原因，报名的志愿者会收到它。")
            .MaximumLength(Activity.ReasonMaxLength).WithMessage($"取消原因不能超过{Activity.ReasonMaxLength}个字。");
}

public sealed record StaffActivityQuery(string? Status, string? DistrictCode, int? Page, int? PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
}

public sealed class StaffActivityQueryValidator : AbstractValidator<StaffActivityQuery>
{
    public StaffActivityQueryValidator()
    {
        RuleFor(q => q.Status).Must(s => s is null || ApiEnum.Parse<ActivityStatus>(s) is not null)
            .WithMessage("状态应为 draft、published、finished 或 cancelled。");
        this.PagingRules(q => q.Page, q => q.PageSize, StaffActivityQuery.MaxPageSize);
    }
}

/// <summary><c>GET /api/activities</c>: published activities still running after <c>from</c> (default now), soonest first.</summary>
public sealed record ActivityBrowseQuery(string? DistrictCode, string? ServiceKind, DateTimeOffset? From, string? Cursor, int? Limit)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;
}

public sealed class ActivityBrowseQueryValidator : AbstractValidator<ActivityBrowseQuery>
{
    public ActivityBrowseQueryValidator()
    {
        RuleFor(q => q.ServiceKind).Must(k => k is null || ApiEnum.Parse<ServiceKind>(k) is not null).WithMessage("服务类别不正确。");
        RuleFor(q => q.Cursor).Must(c => c is null || ActivityCursor.TryDecode(c, out _)).WithMessage("分页标记无效，请从第一页重新加载。");
        RuleFor(q => q.Limit).InclusiveBetween(1, ActivityBrowseQuery.MaxLimit).WithMessage($"每页条数应在1到{ActivityBrowseQuery.MaxLimit}之间。");
    }
}

public sealed record CheckInLocation(double? Lat, double? Lng);

/// <summary><c>POST /api/activities/checkins</c>: the scanned code, and where the phone was if the activity asks.</summary>
public sealed record CheckInRequest(string? Token, CheckInLocation? Location);

public sealed class CheckInRequestValidator : AbstractValidator<CheckInRequest>
{
    public CheckInRequestValidator()
    {
        RuleFor(r => r.Token).NotEmpty().WithMessage("请扫描现场的签到二维码。").MaximumLength(CheckInTokens.MaxLength).WithMessage("二维码无效。");
        RuleFor(r => r.Location!.Lat).NotNull().InclusiveBetween(-90, 90).WithMessage("纬度应在-90到90之间。").When(r => r.Location is not null);
        RuleFor(r => r.Location!.Lng).NotNull().InclusiveBetween(-180, 180).WithMessage("经度应在-180到180之间。").When(r => r.Location is not null);
    }
}

public sealed record AttendanceEntryRequest(Guid? VolunteerId, int? Minutes, int? Rating, string? Note);

/// <summary>
/// <c>POST /api/admin/activities/shifts/{id}/attendance</c>: an entry per volunteer to correct or rate; confirmed volunteers not
/// listed keep their scanned minutes (none scanned is a no-show). A change of the scanned minutes needs a note, the reason.
/// </summary>
public sealed record AttendanceRequest(IReadOnlyList<AttendanceEntryRequest>? Entries);

public sealed class AttendanceRequestValidator : AbstractValidator<AttendanceRequest>
{
    public AttendanceRequestValidator()
    {
        RuleFor(r => r.Entries).NotNull().WithMessage("请提交考勤名单（可以为空列表）。")
            .Must(e => e is null || e.Select(x => x.VolunteerId).Distinct().Count() == e.Count).WithMessage("同一位志愿者只能出现一次。");
        RuleForEach(r => r.Entries).ChildRules(entry =>
        {
            entry.RuleFor(e => e.VolunteerId).NotNull().WithMessage("请指明志愿者。");
            entry.RuleFor(e => e.Minutes).InclusiveBetween(0, (int)Shift.MaxLength.TotalMinutes).WithMessage("服务时长应在0到1440分钟之间。");
            entry.RuleFor(e => e.Rating).InclusiveBetween(SignUp.MinRating, SignUp.MaxRating).WithMessage("评价应在1到5分之间。");
            entry.RuleFor(e => e.Note).MaximumLength(SignUp.NoteMaxLength).WithMessage($"备注不能超过{SignUp.NoteMaxLength}个字。");
        });
    }
}
