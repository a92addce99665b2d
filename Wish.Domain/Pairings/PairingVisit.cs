namespace WeChatWish.Domain;

/// <summary>One visit: when, how long, what was done, by whom, and the passbook line it made.</summary>
public sealed class PairingVisit
{
    public const int ContentMaxLength = 200;

    private PairingVisit()
    {
    }

    public Guid Id { get; private set; }

    public Guid PairingId { get; private set; }

    public Guid VolunteerId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public int Minutes { get; private set; }

    public string Content { get; private set; } = "";

    public Actor RecordedBy { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public Guid? ServiceRecordEntryId { get; private set; }

    internal static PairingVisit Create(Guid pairingId, Guid volunteerId, DateTimeOffset at, int minutes, string? content, Actor by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        PairingId = pairingId,
        VolunteerId = volunteerId,
        At = Guard.Utc(at),
        Minutes = Guard.Range(minutes, "minutes", "服务时长（分钟）", 1, ServiceRecordEntry.MaxMinutes),
        Content = Guard.Text(content, "content", "走访内容", ContentMaxLength),
        RecordedBy = by,
        RecordedAt = Guard.Utc(now),
    };

    /// <summary>The visited person's data is erased: the note of the visit goes, its date and minutes stay.</summary>
    public void EraseContent() => Content = ErasedText.Marker;

    /// <summary>The passbook line's content for a visit whose note reads <paramref name="content"/>.</summary>
    public static string PassbookContent(string content) => "结对帮扶走访：" + content;

    /// <summary>
    /// The visitor's passbook line: final with <paramref name="witness"/> (the staff member or the team leader who recorded it), or
    /// provisional when the visitor recorded it alone, as a fulfilled wish's line is until it is confirmed.
    /// </summary>
    public ServiceRecordEntry ToPassbook(string place, string? witness)
    {
        var entry = witness is null
            ? ServiceRecordEntry.Provisional(VolunteerId, At, place, PassbookContent(Content), Minutes)
            : ServiceRecordEntry.Record(VolunteerId, At, place, PassbookContent(Content), Minutes, witness);
        ServiceRecordEntryId = entry.Id;
        return entry;
    }
}
