namespace WeChatWish.Domain;

/// <summary>
/// A volunteer's sign-up for a shift, and what became of it: check-in and check-out by the rotating code, then the organiser's
/// confirmation (final minutes, a rating, or a no-show).
/// </summary>
public sealed class SignUp
{
    public const int NoteMaxLength = 200;
    public const int MinRating = 1;
    public const int MaxRating = 5;

    private SignUp()
    {
    }

    public Guid Id { get; private set; }

    public Guid ShiftId { get; private set; }

    public Guid ActivityId { get; private set; }

    public Guid VolunteerId { get; private set; }

    public SignUpStatus Status { get; private set; }

    public DateTimeOffset SignedUpAt { get; private set; }

    /// <summary>The waiting-list number: lower numbers were first; kept after promotion as history.</summary>
    public long? WaitNumber { get; private set; }

    public DateTimeOffset? PromotedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public Actor? CancelledBy { get; private set; }

    public DateTimeOffset? CheckedInAt { get; private set; }

    public DateTimeOffset? CheckedOutAt { get; private set; }

    public DateTimeOffset? AttendanceConfirmedAt { get; private set; }

    public int? FinalMinutes { get; private set; }

    public bool NoShow { get; private set; }

    public int? Rating { get; private set; }

    public string? AttendanceNote { get; private set; }

    /// <summary>When the day-before reminder was queued; set once, so every instance's reminder pass sends it once.</summary>
    public DateTimeOffset? RemindedAt { get; private set; }

    public bool IsActive => Status != SignUpStatus.Cancelled;

    internal static SignUp Confirm(Shift shift, Guid volunteerId, DateTimeOffset at) => New(shift, volunteerId, SignUpStatus.Confirmed, null, at);

    internal static SignUp Wait(Shift shift, Guid volunteerId, long number, DateTimeOffset at) =>
        New(shift, volunteerId, SignUpStatus.Waitlisted, number, at);

    internal void Cancel(Actor by, DateTimeOffset at)
    {
        if (Status == SignUpStatus.Cancelled)
            throw new ConflictException(DomainErrorCodes.ActivitySignUpNotActive, "这次报名已经取消了。");
        Status = SignUpStatus.Cancelled;
        CancelledAt = Guard.Utc(at);
        CancelledBy = by;
    }

    /// <summary>The activity was cancelled by its organiser: every sign-up ends, whatever the cutoff.</summary>
    public void EndWithActivity(Actor by, DateTimeOffset at)
    {
        if (Status != SignUpStatus.Cancelled) Cancel(by, at);
    }

    internal void Promote(DateTimeOffset at)
    {
        if (Status != SignUpStatus.Waitlisted) throw new InvalidOperationException("only a waiting sign-up is promoted");
        Status = SignUpStatus.Confirmed;
        PromotedAt = Guard.Utc(at);
    }

    /// <summary>
    /// A valid scan: checks in the first time, checks out the next (a rescan within <see cref="ActivityRules.RescanGrace"/> of the
    /// check-in changes nothing, so a shaky double scan does not end the service). Only confirmed volunteers scan.
    /// </summary>
    public ScanResult Scan(Shift shift, ActivityRules rules, DateTimeOffset at)
    {
        if (Status != SignUpStatus.Confirmed)
            throw new RuleViolationException(DomainErrorCodes.ActivityNotSignedUp,
                Status == SignUpStatus.Waitlisted ? "您还在候补名单中，没有确定的名额，不能签到。" : "您没有报名这个班次，不能签到。");
        if (AttendanceConfirmedAt is not null)
            throw new RuleViolationException(DomainErrorCodes.ActivityAttendanceClosed, "组织者已确认这个班次的考勤，不能再扫码。");
        if (CheckedInAt is null)
        {
            rules.EnsureCheckInOpen(shift, at);
            CheckedInAt = Guard.Utc(at);
            return ScanResult.CheckedIn;
        }
        if (CheckedOutAt is not null)
            throw new RuleViolationException(DomainErrorCodes.ActivityAlreadyCheckedOut, "您已经签退了，无需再次扫码。");
        if (at - CheckedInAt.Value < rules.RescanGrace) return ScanResult.Unchanged;
        CheckedOutAt = Guard.Utc(at);
        return ScanResult.CheckedOut;
    }

    /// <summary>Marks the reminder queued; false when it already was (or the place is no longer held).</summary>
    public bool MarkReminded(DateTimeOffset at)
    {
        if (RemindedAt is not null || Status != SignUpStatus.Confirmed) return false;
        RemindedAt = Guard.Utc(at);
        return true;
    }

    /// <summary>The minutes the scans give, before the organiser's word: none without both scans.</summary>
    public int ScannedMinutes(Shift shift) =>
        CheckedInAt is { } inAt && CheckedOutAt is { } outAt ? shift.MinutesServed(inAt, outAt) : 0;

    /// <summary>
    /// The organiser's confirmation: <paramref name="minutes"/> as final (0 is a no-show). Returns the minutes it replaced when this
    /// corrects an earlier confirmation, so the caller can reverse their points.
    /// </summary>
    public AttendanceChange ConfirmAttendance(int minutes, int? rating, string? note, Shift shift, DateTimeOffset at)
    {
        if (Status != SignUpStatus.Confirmed)
            throw new RuleViolationException(DomainErrorCodes.ActivityNotSignedUp, "这位志愿者没有这个班次的确定名额。");
        var maximum = (int)(shift.EndsAt - shift.StartsAt).TotalMinutes;
        Guard.Range(minutes, "minutes", "服务时长（分钟）", 0, maximum);
        var previous = FinalMinutes;
        FinalMinutes = minutes;
        NoShow = minutes == 0;
        Rating = rating is { } r ? Guard.Range(r, "rating", "评价", MinRating, MaxRating) : Rating;
        AttendanceNote = Guard.OptionalText(note, "note", "备注", NoteMaxLength) ?? AttendanceNote;
        AttendanceConfirmedAt = Guard.Utc(at);
        return new AttendanceChange(previous, minutes);
    }

    private static SignUp New(Shift shift, Guid volunteerId, SignUpStatus status, long? number, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(),
        ShiftId = shift.Id,
        ActivityId = shift.ActivityId,
        VolunteerId = volunteerId,
        Status = status,
        WaitNumber = number,
        SignedUpAt = Guard.Utc(at),
    };
}

public enum ScanResult
{
    CheckedIn,
    CheckedOut,
    Unchanged,
}

/// <summary>Final minutes before (null on a first confirmation) and after.</summary>
public sealed record AttendanceChange(int? Previous, int Current)
{
    public bool IsCorrection => Previous is { } p && p != Current;
}
