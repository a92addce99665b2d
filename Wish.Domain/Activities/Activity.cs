namespace WeChatWish.Domain;

/// <summary>Where an activity happens, with the radius a check-in's location must fall in.</summary>
public sealed record ActivityLocation(double Latitude, double Longitude, int RadiusMeters)
{
    public const int MinRadiusMeters = 10;
    public const int MaxRadiusMeters = 50_000;

    /// <summary>Great-circle distance (haversine, mean Earth radius), ample for a venue's radius.</summary>
    public double DistanceMeters(double latitude, double longitude)
    {
        const double earthRadius = 6_371_008.8;
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var dLat = Rad(latitude - Latitude);
        var dLng = Rad(longitude - Longitude);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Rad(Latitude)) * Math.Cos(Rad(latitude)) * Math.Pow(Math.Sin(dLng / 2), 2);
        return 2 * earthRadius * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}

public sealed record ActivityRequirements(string? TrainingCourse, int? MinStarLevel, Guid? OrganisationId)
{
    public static ActivityRequirements None { get; } = new(null, null, null);
}

public sealed record NewShift(DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity);

public sealed record NewActivity(string Title, string Content, ServiceKind ServiceKind, string DistrictCode, string Place,
    ActivityLocation? Location, IReadOnlyList<NewShift> Shifts, ActivityRequirements? Requirements);

/// <summary>
/// A volunteer activity (志愿活动, DESIGN.md §9) with its shifts: draft → published → finished, or cancelled. The activity owns
/// its shape; places on a shift are counted on the <see cref="Shift"/> row, which sign-ups lock.
/// </summary>
public sealed class Activity
{
    public const int TitleMaxLength = 100;
    public const int ContentMaxLength = 2000;
    public const int PlaceMaxLength = ServiceRecordEntry.PlaceMaxLength;
    public const int ReasonMaxLength = 200;
    public const int TrainingCourseMaxLength = 50;
    public const int MaxShifts = 50;

    private readonly List<Shift> _shifts = [];

    private Activity()
    {
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public string Content { get; private set; } = "";

    public ServiceKind ServiceKind { get; private set; }

    public string DistrictCode { get; private set; } = "";

    public string Place { get; private set; } = "";

    public double? Latitude { get; private set; }

    public double? Longitude { get; private set; }

    public int? RadiusMeters { get; private set; }

    public string? RequiredTrainingCourse { get; private set; }

    public int? MinStarLevel { get; private set; }

    public Guid? OrganisationId { get; private set; }

    /// <summary>The project of the project library the activity belongs to, if any; fixed when it is created.</summary>
    public Guid? ProjectId { get; private set; }

    public ActivityStatus Status { get; private set; }

    public Actor CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public string? CancelReason { get; private set; }

    public IReadOnlyList<Shift> Shifts => _shifts;

    /// <summary>The first shift's start and the last shift's end, kept for listing and paging by time.</summary>
    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public ActivityLocation? Location => Latitude is { } lat && Longitude is { } lng && RadiusMeters is { } radius
        ? new ActivityLocation(lat, lng, radius)
        : null;

    /// <summary>A draft activity; for a <paramref name="project"/>, only one approved or running, of the same district, takes it.</summary>
    public static Activity Create(NewActivity spec, Actor by, DateTimeOffset at, Project? project = null)
    {
        project?.EnsureTakesActivity(spec.DistrictCode);
        if (spec.Shifts.Count == 0)
            throw new DomainValidationException(DomainErrorCodes.Required, "shifts", "请至少添加一个班次。");
        if (spec.Shifts.Count > MaxShifts)
            throw new DomainValidationException(DomainErrorCodes.OutOfRange, "shifts", $"一个活动最多{MaxShifts}个班次。");
        var requirements = spec.Requirements ?? ActivityRequirements.None;
        var activity = new Activity
        {
            Id = Guid.CreateVersion7(),
            Title = Guard.Text(spec.Title, "title", "活动名称", TitleMaxLength),
            Content = Guard.Text(spec.Content, "content", "活动内容", ContentMaxLength),
            ServiceKind = spec.ServiceKind,
            DistrictCode = Guard.Text(spec.DistrictCode, "districtCode", "所在区", District.CodeMaxLength),
            Place = Guard.Text(spec.Place, "place", "活动地点", PlaceMaxLength),
            RequiredTrainingCourse = Guard.OptionalText(requirements.TrainingCourse, "requirements.trainingCourse", "培训要求", TrainingCourseMaxLength),
            MinStarLevel = requirements.MinStarLevel is { } stars
                ? Guard.Range(stars, "requirements.minStarLevel", "星级要求", 1, WishRules.StarLevelHours.Count)
                : null,
            OrganisationId = requirements.OrganisationId,
            ProjectId = project?.Id,
            Status = ActivityStatus.Draft,
            CreatedBy = by,
            CreatedAt = Guard.Utc(at),
        };
        if (spec.Location is { } location)
        {
            activity.Latitude = location.Latitude is >= -90 and <= 90 ? location.Latitude
                : throw new DomainValidationException(DomainErrorCodes.OutOfRange, "location.lat", "纬度应在-90到90之间。");
            activity.Longitude = location.Longitude is >= -180 and <= 180 ? location.Longitude
                : throw new DomainValidationException(DomainErrorCodes.OutOfRange, "location.lng", "经度应在-180到180之间。");
            activity.RadiusMeters = Guard.Range(location.RadiusMeters, "location.radiusMeters", "签到范围（米）",
                ActivityLocation.MinRadiusMeters, ActivityLocation.MaxRadiusMeters);
        }
        foreach (var (shift, index) in spec.Shifts.Select((s, i) => (s, i)))
            activity._shifts.Add(Shift.Create(activity.Id, shift, $"shifts[{index}]"));
        activity.StartsAt = activity._shifts.Min(s => s.StartsAt);
        activity.EndsAt = activity._shifts.Max(s => s.EndsAt);
        return activity;
    }

    /// <summary>Opens sign-up; an activity whose every shift has ended has nothing to publish.</summary>
    public void Publish(DateTimeOffset at)
    {
        if (Status != ActivityStatus.Draft) throw Illegal("publish", "只有草稿状态的活动可以发布。");
        if (_shifts.All(s => s.EndsAt <= at))
            throw new RuleViolationException(DomainErrorCodes.ActivityShiftEnded, "活动的所有班次都已结束，不能发布。");
        Status = ActivityStatus.Published;
        PublishedAt = Guard.Utc(at);
    }

    /// <summary>Cancels a draft or published activity; the caller gives up every sign-up and tells the volunteers.</summary>
    public void Cancel(string reason, DateTimeOffset at)
    {
        if (Status is not (ActivityStatus.Draft or ActivityStatus.Published)) throw Illegal("cancel", "这个活动已结束或已取消。");
        CancelReason = Guard.Text(reason, "reason", "取消原因", ReasonMaxLength);
        Status = ActivityStatus.Cancelled;
        EndedAt = Guard.Utc(at);
        foreach (var shift in _shifts) shift.Clear();
    }

    /// <summary>Marks a published activity finished once its last shift has ended.</summary>
    public void Finish(DateTimeOffset at)
    {
        if (Status != ActivityStatus.Published) throw Illegal("finish", "只有已发布的活动可以结束。");
        if (_shifts.Any(s => s.EndsAt > at)) throw new RuleViolationException(DomainErrorCodes.ActivityNotOver, "活动还有未结束的班次。");
        Status = ActivityStatus.Finished;
        EndedAt = Guard.Utc(at);
    }

    private IllegalTransitionException Illegal(string action, string message) =>
        new(DomainErrorCodes.ActivityIllegalTransition, nameof(Activity), Status.ToString(), action, message);
}
