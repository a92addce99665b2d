namespace WeChatWish.Domain;

/// <summary>
/// The activity numbers (DESIGN.md §9) with the plan's values as defaults; bound from the <c>Activities</c> section and checked
/// with <see cref="Validate"/> at start. Pure: times come in as arguments.
/// </summary>
public sealed record ActivityRules
{
    public static ActivityRules Default { get; } = new();

    /// <summary>A confirmed volunteer may give up the place until this long before the shift starts.</summary>
    public TimeSpan CancellationCutoff { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Check-in opens this long before the start and stays open until the end.</summary>
    public TimeSpan CheckInOpensBefore { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How long one rotating check-in code is accepted.</summary>
    public TimeSpan CheckInTokenLifetime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A second scan this soon after checking in is taken as a double scan, not a check-out.</summary>
    public TimeSpan RescanGrace { get; init; } = TimeSpan.FromMinutes(5);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (CancellationCutoff < TimeSpan.Zero) problems.Add("CancellationCutoff must be ≥ 0.");
        if (CheckInOpensBefore < TimeSpan.Zero || CheckInOpensBefore > TimeSpan.FromHours(12)) problems.Add("CheckInOpensBefore must be 0–12 h.");
        if (CheckInTokenLifetime < TimeSpan.FromSeconds(10) || CheckInTokenLifetime > TimeSpan.FromMinutes(10))
            problems.Add("CheckInTokenLifetime must be 10 s – 10 min.");
        if (RescanGrace < TimeSpan.Zero) problems.Add("RescanGrace must be ≥ 0.");
        return problems;
    }

    /// <summary>
    /// The rules a sign-up must pass besides capacity: the activity is published, the shift has not ended, the requirements are
    /// met and none of the volunteer's held shifts (confirmed or waiting) overlaps this one.
    /// </summary>
    public void EnsureCanSignUp(Activity activity, Shift shift, SignUpCandidate candidate, DateTimeOffset now)
    {
        if (!candidate.ProfileComplete)
            throw new RuleViolationException(DomainErrorCodes.VolunteerProfileIncomplete, "请先完善个人资料（姓名、电话、所在区等）再报名。");
        if (activity.Status != ActivityStatus.Published)
            throw new RuleViolationException(DomainErrorCodes.ActivityClosed, "这个活动现在不接受报名。");
        if (now >= shift.EndsAt)
            throw new RuleViolationException(DomainErrorCodes.ActivityShiftEnded, "这个班次已经结束，不能再报名。");
        if (activity.MinStarLevel is { } stars && candidate.StarLevel < stars)
            throw new RuleViolationException(DomainErrorCodes.ActivityStarLevelRequired, $"报名这个活动需要达到{stars}星级志愿者。");
        if (activity.RequiredTrainingCourse is { } course && !candidate.ValidCourses.Contains(course))
            throw new RuleViolationException(DomainErrorCodes.ActivityTrainingRequired, $"报名这个活动需要有效的“{course}”培训证书。");
        if (activity.OrganisationId is not null && !candidate.InOrganisation)
            throw new RuleViolationException(DomainErrorCodes.ActivityOrganisationRequired, "这个活动只面向本组织的志愿者，请先申请加入该组织。");
        if (candidate.HeldShifts.Any(h => h.Id != shift.Id && shift.Overlaps(h.StartsAt, h.EndsAt)))
            throw new RuleViolationException(DomainErrorCodes.ActivityShiftOverlap, "您已报名的另一个班次与这个班次时间重叠。");
    }

    /// <summary>A waiting volunteer may leave the line at any time before the end; a confirmed one only before the cutoff.</summary>
    public void EnsureCanCancel(Shift shift, SignUp signUp, DateTimeOffset now)
    {
        if (signUp.Status == SignUpStatus.Cancelled)
            throw new ConflictException(DomainErrorCodes.ActivitySignUpNotActive, "这次报名已经取消了。");
        if (signUp.CheckedInAt is not null)
            throw new RuleViolationException(DomainErrorCodes.ActivityCancelTooLate, "您已签到，不能再取消报名。");
        if (signUp.Status == SignUpStatus.Confirmed && now > shift.StartsAt - CancellationCutoff)
            throw new RuleViolationException(DomainErrorCodes.ActivityCancelTooLate,
                $"开始前{FormatSpan(CancellationCutoff)}内不能取消报名，如有急事请联系组织者。");
    }

    /// <summary>Whether a scan at <paramref name="at"/> may check in: from <see cref="CheckInOpensBefore"/> the start until the end.</summary>
    public void EnsureCheckInOpen(Shift shift, DateTimeOffset at)
    {
        if (at < shift.StartsAt - CheckInOpensBefore)
            throw new RuleViolationException(DomainErrorCodes.ActivityCheckInNotOpen, $"签到从开始前{FormatSpan(CheckInOpensBefore)}开放，请稍后再扫码。");
        if (at > shift.EndsAt)
            throw new RuleViolationException(DomainErrorCodes.ActivityCheckInClosed, "这个班次已经结束，不能再签到。");
    }

    private static string FormatSpan(TimeSpan span) =>
        span.TotalMinutes % 60 == 0 ? $"{(int)span.TotalHours}小时" : $"{(int)span.TotalMinutes}分钟";
}

/// <summary>What sign-up needs to know of the volunteer: the profile, stars, valid training and the shifts already held.</summary>
public sealed record SignUpCandidate(bool ProfileComplete, int StarLevel, IReadOnlySet<string> ValidCourses, IReadOnlyList<HeldShift> HeldShifts)
{
    /// <summary>Whether the volunteer is an approved member of the activity's organisation or of one under it (no requirement: true).</summary>
    public bool InOrganisation { get; init; } = true;
}

public sealed record HeldShift(Guid Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt);
