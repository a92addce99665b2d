using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Rounds;

public enum ScheduledPublicationStatus
{
    Pending,
    Done,
    Cancelled,
}

/// <summary>"Publish round R (of one district, or all) at time T": run by <see cref="RoundJobs"/> on whichever instance gets there first.</summary>
public sealed class ScheduledPublication
{
    private ScheduledPublication()
    {
    }

    public Guid Id { get; private set; }

    public Round Round { get; private set; }

    /// <summary>Null publishes every district; a coordinator's schedule is limited to theirs.</summary>
    public string? DistrictCode { get; private set; }

    public DateTimeOffset At { get; private set; }

    public Actor RequestedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public ScheduledPublicationStatus Status { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public int? Published { get; private set; }

    public static ScheduledPublication Create(Round round, string? districtCode, DateTimeOffset at, Actor by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        Round = round,
        DistrictCode = districtCode,
        At = at.ToUniversalTime(),
        RequestedBy = by,
        CreatedAt = now.ToUniversalTime(),
        Status = ScheduledPublicationStatus.Pending,
    };

    public void Complete(int published, DateTimeOffset at)
    {
        Status = ScheduledPublicationStatus.Done;
        Published = published;
        CompletedAt = at.ToUniversalTime();
    }

    public void Cancel(DateTimeOffset at)
    {
        if (Status != ScheduledPublicationStatus.Pending)
            throw new ConflictException(DomainErrorCodes.RoundScheduleNotPending, "该定时发布已执行或已取消。");
        Status = ScheduledPublicationStatus.Cancelled;
        CompletedAt = at.ToUniversalTime();
    }
}
