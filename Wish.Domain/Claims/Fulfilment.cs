namespace WeChatWish.Domain;

/// <summary>What the volunteer reports on fulfilling a wish: a note, photos and the time it took.</summary>
public sealed class Fulfilment
{
    public const int NoteMaxLength = 1000;
    public const int MaxPhotos = 9;
    public const int PhotoUrlMaxLength = WishPhoto.UrlMaxLength;

    /// <summary>One fulfilment counts at most a day of service; longer work goes in as separate service-record entries.</summary>
    public const int MaxMinutes = 24 * 60;

    private Fulfilment()
    {
    }

    public Guid Id { get; private set; }

    public Guid ClaimId { get; private set; }

    public Guid WishId { get; private set; }

    public Guid VolunteerId { get; private set; }

    public string Note { get; private set; } = "";

    public IReadOnlyList<string> PhotoUrls { get; private set; } = [];

    public int Minutes { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>Erasure of the beneficiary's data: the note and photos (their home, themselves) go; the minutes stay for the hours.</summary>
    public void Erase()
    {
        Note = ErasedText.Marker;
        PhotoUrls = [];
    }

    internal static Fulfilment Create(Claim claim, string note, IReadOnlyList<string> photoUrls, int minutes, DateTimeOffset at)
    {
        if (photoUrls.Count > MaxPhotos)
            throw new DomainValidationException(DomainErrorCodes.OutOfRange, "photoUrls", $"最多上传{MaxPhotos}张照片。");
        return new Fulfilment
        {
            Id = Guid.CreateVersion7(),
            ClaimId = claim.Id,
            WishId = claim.WishId,
            VolunteerId = claim.VolunteerId,
            Note = Guard.Text(note, "note", "完成情况", NoteMaxLength),
            PhotoUrls = photoUrls.Select(u => Guard.Text(u, "photoUrls", "照片地址", PhotoUrlMaxLength)).ToArray(),
            Minutes = Guard.Range(minutes, "minutes", "服务时长（分钟）", 1, MaxMinutes),
            At = Guard.Utc(at),
        };
    }
}
