namespace WeChatWish.Domain;

public sealed record NewTrainingSession(string Course, string? Title, DateTimeOffset StartsAt, string Place, string DistrictCode, int? CertificateValidMonths);

/// <summary>
/// A session of a training course (志愿精神, 应急救护, 消防安全 …, DESIGN.md §9); attending it gives a certificate of the course,
/// valid for <see cref="CertificateValidMonths"/> or for good.
/// </summary>
public sealed class TrainingSession
{
    public const int CourseMaxLength = Activity.TrainingCourseMaxLength;
    public const int TitleMaxLength = 100;
    public const int PlaceMaxLength = Activity.PlaceMaxLength;
    public const int MaxValidMonths = 120;

    private TrainingSession()
    {
    }

    public Guid Id { get; private set; }

    public string Course { get; private set; } = "";

    public string? Title { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public string Place { get; private set; } = "";

    public string DistrictCode { get; private set; } = "";

    public int? CertificateValidMonths { get; private set; }

    public Actor CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static TrainingSession Create(NewTrainingSession spec, Actor by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(),
        Course = Guard.Text(spec.Course, "course", "培训课程", CourseMaxLength),
        Title = Guard.OptionalText(spec.Title, "title", "培训名称", TitleMaxLength),
        StartsAt = Guard.Utc(spec.StartsAt),
        Place = Guard.Text(spec.Place, "place", "培训地点", PlaceMaxLength),
        DistrictCode = Guard.Text(spec.DistrictCode, "districtCode", "所在区", District.CodeMaxLength),
        CertificateValidMonths = spec.CertificateValidMonths is { } m ? Guard.Range(m, "certificateValidMonths", "证书有效期（月）", 1, MaxValidMonths) : null,
        CreatedBy = by,
        CreatedAt = Guard.Utc(at),
    };

    /// <summary>The certificate attendance gives; attendance is recorded once the session has begun.</summary>
    public TrainingCertificate Certify(Guid volunteerId, DateTimeOffset at)
    {
        if (at < StartsAt)
            throw new RuleViolationException(DomainErrorCodes.TrainingNotStarted, "培训还没有开始，不能登记出勤。");
        return TrainingCertificate.Issue(this, volunteerId, at);
    }
}

/// <summary>A volunteer's certificate of a course: what activity requirements check.</summary>
public sealed class TrainingCertificate
{
    private TrainingCertificate()
    {
    }

    public Guid Id { get; private set; }

    public Guid VolunteerId { get; private set; }

    public Guid SessionId { get; private set; }

    public string Course { get; private set; } = "";

    public DateTimeOffset IssuedAt { get; private set; }

    public DateTimeOffset? ExpiresAt { get; private set; }

    public bool IsValidAt(DateTimeOffset at) => IssuedAt <= at && (ExpiresAt is null || at < ExpiresAt);

    internal static TrainingCertificate Issue(TrainingSession session, Guid volunteerId, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(),
        VolunteerId = volunteerId,
        SessionId = session.Id,
        Course = session.Course,
        IssuedAt = Guard.Utc(at),
        ExpiresAt = session.CertificateValidMonths is { } months ? Guard.Utc(session.StartsAt).AddMonths(months) : null,
    };
}

/// <summary>A commendation (优秀志愿者, 优秀党员志愿者 …) with its citation and the points it awards.</summary>
public sealed class Commendation
{
    public const int TitleMaxLength = 50;
    public const int CitationMaxLength = 500;
    public const int MaxPoints = 10_000;

    private Commendation()
    {
    }

    public Guid Id { get; private set; }

    public Guid VolunteerId { get; private set; }

    public string Title { get; private set; } = "";

    public int Year { get; private set; }

    public string Citation { get; private set; } = "";

    public int Points { get; private set; }

    public Actor AwardedBy { get; private set; }

    public DateTimeOffset AwardedAt { get; private set; }

    public static Commendation Award(Guid volunteerId, string title, int year, string citation, int points, Actor by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(),
        VolunteerId = volunteerId,
        Title = Guard.Text(title, "title", "表彰名称", TitleMaxLength),
        Year = Guard.Range(year, "year", "年度", 2000, at.Year + 1),
        Citation = Guard.Text(citation, "citation", "表彰事迹", CitationMaxLength),
        Points = Guard.Range(points, "points", "奖励积分", 0, MaxPoints),
        AwardedBy = by,
        AwardedAt = Guard.Utc(at),
    };

    /// <summary>The love-bank row of the awarded points, when there are any.</summary>
    public LedgerEntry? LedgerEntry() =>
        Points > 0 ? Domain.LedgerEntry.Awarded(VolunteerId, Points, $"{Year}年度{Title}", Id, AwardedBy, AwardedAt) : null;
}
