namespace WeChatWish.Domain;

/// <summary>One step in a wish's history: what happened, from which status to which, who did it and when.</summary>
public sealed class WishStatusChange
{
    public const int NoteMaxLength = 500;

    private WishStatusChange()
    {
    }

    public Guid Id { get; private set; }

    public Guid WishId { get; private set; }

    public WishAction Action { get; private set; }

    public WishStatus From { get; private set; }

    public WishStatus To { get; private set; }

    public DateTimeOffset At { get; private set; }

    public Actor By { get; private set; }

    /// <summary>The reason, override or round move that explains the step, when there is one.</summary>
    public string? Note { get; private set; }

    /// <summary>Erasure: a reason or override note goes; a round move's note ("202611 → 202612") says nothing about the person and stays.</summary>
    internal void EraseNote()
    {
        if (Action != WishAction.MovedToRound) Note = ErasedText.Blank(Note);
    }

    internal static WishStatusChange Create(Guid wishId, WishAction action, WishStatus from, WishStatus to, Actor by, DateTimeOffset at, string? note) => new()
    {
        Id = Guid.CreateVersion7(),
        WishId = wishId,
        Action = action,
        From = from,
        To = to,
        At = Guard.Utc(at),
        By = by,
        Note = note is { Length: > NoteMaxLength } ? note[..NoteMaxLength] : note,
    };
}
