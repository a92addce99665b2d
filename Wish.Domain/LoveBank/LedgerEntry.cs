namespace WeChatWish.Domain;

/// <summary>The kinds of love-bank row (积分, DESIGN.md §9); member names give the API spellings.</summary>
public enum LedgerKind
{
    Earned,
    Awarded,
    Redeemed,
    Refunded,
    Adjusted,
    Reversed,
}

/// <summary>
/// One append-only row of a volunteer's love-bank ledger: who, when, why and how many points (signed). Rows are never edited;
/// a mistake is put right by a <see cref="Reversal"/>. The balance is the sum of the rows.
/// </summary>
public sealed class LedgerEntry
{
    public const int ReasonMaxLength = 200;
    public const int MaxPoints = 1_000_000;

    private LedgerEntry()
    {
    }

    public Guid Id { get; private set; }

    public Guid VolunteerId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public LedgerKind Kind { get; private set; }

    public int Points { get; private set; }

    public string Reason { get; private set; } = "";

    public Actor By { get; private set; }

    /// <summary>What the row is for: a sign-up for earned points, a redemption, a commendation.</summary>
    public Guid? SourceId { get; private set; }

    /// <summary>For a reversal, the row it cancels.</summary>
    public Guid? ReversesId { get; private set; }

    public static LedgerEntry Earned(Guid volunteerId, int points, string reason, Guid sourceId, Actor by, DateTimeOffset at) =>
        New(volunteerId, LedgerKind.Earned, Positive(points), reason, sourceId, by, at);

    public static LedgerEntry Awarded(Guid volunteerId, int points, string reason, Guid sourceId, Actor by, DateTimeOffset at) =>
        New(volunteerId, LedgerKind.Awarded, Positive(points), reason, sourceId, by, at);

    public static LedgerEntry Redeemed(Guid volunteerId, int points, string reason, Guid redemptionId, Actor by, DateTimeOffset at) =>
        New(volunteerId, LedgerKind.Redeemed, -Positive(points), reason, redemptionId, by, at);

    public static LedgerEntry Refunded(LedgerEntry redeemed, string reason, Actor by, DateTimeOffset at) =>
        redeemed.Kind == LedgerKind.Redeemed
            ? New(redeemed.VolunteerId, LedgerKind.Refunded, -redeemed.Points, reason, redeemed.SourceId, by, at)
            : throw new InvalidOperationException("only a redemption is refunded");

    /// <summary>Staff add or take away points by hand; the reason is required.</summary>
    public static LedgerEntry Adjusted(Guid volunteerId, int points, string reason, Actor by, DateTimeOffset at)
    {
        if (points == 0) throw new DomainValidationException(DomainErrorCodes.OutOfRange, "points", "调整的积分不能为0。");
        Guard.Range(Math.Abs(points), "points", "积分", 1, MaxPoints);
        return New(volunteerId, LedgerKind.Adjusted, points, reason, null, by, at);
    }

    /// <summary>Cancels <paramref name="original"/> with a row of the opposite sign; the original stays as it was.</summary>
    public static LedgerEntry Reversal(LedgerEntry original, string reason, Actor by, DateTimeOffset at)
    {
        if (original.Kind == LedgerKind.Reversed) throw new InvalidOperationException("a reversal is not reversed");
        var entry = New(original.VolunteerId, LedgerKind.Reversed, -original.Points, reason, original.SourceId, by, at);
        entry.ReversesId = original.Id;
        return entry;
    }

    private static int Positive(int points) => Guard.Range(points, "points", "积分", 1, MaxPoints);

    private static LedgerEntry New(Guid volunteerId, LedgerKind kind, int points, string reason, Guid? sourceId, Actor by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(),
        VolunteerId = volunteerId,
        At = Guard.Utc(at),
        Kind = kind,
        Points = points,
        Reason = Guard.Text(reason, "reason", "原因", ReasonMaxLength),
        By = by,
        SourceId = sourceId,
    };
}

/// <summary>
/// A volunteer's running balance, kept beside the ledger so that a debit is one conditional UPDATE (never below zero) and the
/// rows of one volunteer serialise on it. It always equals the sum of the volunteer's ledger rows.
/// </summary>
public sealed class LoveBankAccount
{
    private LoveBankAccount()
    {
    }

    public Guid VolunteerId { get; private set; }

    public int Balance { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }
}
