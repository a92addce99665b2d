namespace WeChatWish.Domain;

public enum FollowUpMethod
{
    Phone,
    Visit,
}

/// <summary>Staff's phone call or home visit after a wish was fulfilled (DESIGN.md §1, follow-up).</summary>
public sealed class FollowUp
{
    public const int NotesMaxLength = 1000;
    public const int MinSatisfaction = 1;
    public const int MaxSatisfaction = 5;

    /// <summary>Satisfaction from this score up counts as satisfactory and lets the wish be confirmed.</summary>
    public const int SatisfactoryFrom = 3;

    private FollowUp()
    {
    }

    public Guid Id { get; private set; }

    public Guid WishId { get; private set; }

    public FollowUpMethod Method { get; private set; }

    public int Satisfaction { get; private set; }

    public string? Notes { get; private set; }

    public Actor By { get; private set; }

    public DateTimeOffset At { get; private set; }

    public bool IsSatisfactory => Satisfaction >= SatisfactoryFrom;

    /// <summary>Erasure of the beneficiary's data: what staff wrote on the call or visit goes; method and satisfaction stay.</summary>
    public void EraseNotes() => Notes = ErasedText.Blank(Notes);

    /// <summary>Records a follow-up of a fulfilled (or already confirmed) wish.</summary>
    public static FollowUp Record(Wish wish, FollowUpMethod method, int satisfaction, string? notes, Actor by, DateTimeOffset at)
    {
        if (!Wish.DoneStatuses.Contains(wish.Status))
            throw new ConflictException(DomainErrorCodes.FollowUpWishNotFulfilled,
                $"心愿当前状态为“{wish.Status.ChineseName()}”，完成后才能回访。");
        return new FollowUp
        {
            Id = Guid.CreateVersion7(),
            WishId = wish.Id,
            Method = method,
            Satisfaction = Guard.Range(satisfaction, "satisfaction", "满意度", MinSatisfaction, MaxSatisfaction),
            Notes = Guard.OptionalText(notes, "notes", "回访记录", NotesMaxLength),
            By = by,
            At = Guard.Utc(at),
        };
    }
}
