namespace WeChatWish.Domain;

/// <summary>
/// One shift of an activity (start, end, capacity) and its counts. Every change of the counts happens under a row lock on the
/// shift (the caller's <c>SELECT … FOR UPDATE</c>), so the decisions here see every other sign-up; a CHECK constraint on the
/// table is the last word that <see cref="Confirmed"/> never passes <see cref="Capacity"/>.
/// </summary>
public sealed class Shift
{
    public const int MaxCapacity = 10_000;
    public static readonly TimeSpan MaxLength = TimeSpan.FromHours(24);

    private Shift()
    {
    }

    public Guid Id { get; private set; }

    public Guid ActivityId { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public int Capacity { get; private set; }

    public int Confirmed { get; private set; }

    public int Waitlisted { get; private set; }

    /// <summary>The last waiting-list number handed out: numbers only grow, so the line keeps its order.</summary>
    public long LastWaitNumber { get; private set; }

    public bool IsFull => Confirmed >= Capacity;

    internal static Shift Create(Guid activityId, NewShift spec, string field)
    {
        var starts = Guard.Utc(spec.StartsAt);
        var ends = Guard.Utc(spec.EndsAt);
        if (ends <= starts)
            throw new DomainValidationException(DomainErrorCodes.OutOfRange, field + ".endsAt", "班次的结束时间应晚于开始时间。");
        if (ends - starts > MaxLength)
            throw new DomainValidationException(DomainErrorCodes.OutOfRange, field + ".endsAt", "一个班次最长24小时。");
        return new Shift
        {
            Id = Guid.CreateVersion7(),
            ActivityId = activityId,
            StartsAt = starts,
            EndsAt = ends,
            Capacity = Guard.Range(spec.Capacity, field + ".capacity", "名额", 1, MaxCapacity),
        };
    }

    public bool Overlaps(DateTimeOffset start, DateTimeOffset end) => StartsAt < end && start < EndsAt;

    /// <summary>A place if one is free, otherwise the next number in the waiting list.</summary>
    public SignUp Take(Guid volunteerId, DateTimeOffset at)
    {
        if (!IsFull)
        {
            Confirmed++;
            return SignUp.Confirm(this, volunteerId, at);
        }
        Waitlisted++;
        return SignUp.Wait(this, volunteerId, ++LastWaitNumber, at);
    }

    /// <summary>Gives up a sign-up's place; returns true when a confirmed place was freed for the first in line.</summary>
    public bool Release(SignUp signUp, Actor by, DateTimeOffset at)
    {
        var wasConfirmed = signUp.Status == SignUpStatus.Confirmed;
        signUp.Cancel(by, at);
        if (wasConfirmed) Confirmed--;
        else Waitlisted--;
        return wasConfirmed && !IsFull;
    }

    /// <summary>Moves the first in line (the caller loads it under the same lock) into a free place.</summary>
    public void Promote(SignUp first, DateTimeOffset at)
    {
        if (IsFull) throw new InvalidOperationException("no free place to promote into");
        first.Promote(at);
        Waitlisted--;
        Confirmed++;
    }

    /// <summary>Minutes served: the overlap of check-in..check-out with the shift, whole minutes (UTC instants, so midnight is nothing special).</summary>
    public int MinutesServed(DateTimeOffset checkedIn, DateTimeOffset checkedOut)
    {
        var from = checkedIn > StartsAt ? checkedIn : StartsAt;
        var to = checkedOut < EndsAt ? checkedOut : EndsAt;
        return to > from ? (int)(to - from).TotalMinutes : 0;
    }

    /// <summary>The activity is cancelled: nobody holds a place any more.</summary>
    internal void Clear()
    {
        Confirmed = 0;
        Waitlisted = 0;
    }
}
