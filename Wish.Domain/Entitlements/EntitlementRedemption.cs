namespace WeChatWish.Domain;

/// <summary>Items handed over at the counter to one person, by a staff member; undone the same China-time day with a reason, never deleted.</summary>
public sealed class EntitlementRedemption
{
    public const int UndoReasonMaxLength = 200;

    private EntitlementRedemption()
    {
    }

    public Guid Id { get; private set; }

    public Guid ProgrammeId { get; private set; }

    public Guid PersonId { get; private set; }

    public int Items { get; private set; }

    public DateTimeOffset At { get; private set; }

    public Actor By { get; private set; }

    public DateTimeOffset? UndoneAt { get; private set; }

    public Actor? UndoneBy { get; private set; }

    public string? UndoReason { get; private set; }

    internal static EntitlementRedemption Create(EntitlementProgramme programme, EntitlementPerson person, int items, Actor by,
        DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(),
        ProgrammeId = programme.Id,
        PersonId = person.Id,
        Items = items,
        At = Guard.Utc(at),
        By = by,
    };

    /// <summary>Takes the entry back (a mistyped work number, the wrong count): only on the China-time day it was made, and only once.</summary>
    public void Undo(string? reason, Actor by, DateTimeOffset at, TimeSpan utcOffset)
    {
        var text = Guard.Text(reason, "reason", "撤销原因", UndoReasonMaxLength);
        if (UndoneAt is not null)
            throw new ConflictException(DomainErrorCodes.EntitlementAlreadyUndone, "这条登记已经撤销过了。");
        if (At.ToOffset(utcOffset).Date != at.ToOffset(utcOffset).Date)
            throw new RuleViolationException(DomainErrorCodes.EntitlementUndoTooLate, "只能撤销当天的登记。");
        UndoneAt = Guard.Utc(at);
        UndoneBy = by;
        UndoReason = text;
    }
}
