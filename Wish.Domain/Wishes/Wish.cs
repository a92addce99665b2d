namespace WeChatWish.Domain;

/// <summary>A micro-wish and its lifecycle (DESIGN.md §3); the transitions are in Wish.Lifecycle.cs.</summary>
public sealed partial class Wish
{
    public const int ContentMinLength = 2;
    public const int ContentMaxLength = 200;
    public const int ReasonMaxLength = 500;
    public const int NoteMaxLength = 500;
    public const int MaxPhotos = 9;

    /// <summary>The statuses a stored wish can have, in declaration order: every one but Draft, which lives only in a conversation.</summary>
    public static IReadOnlyList<WishStatus> StoredStatuses { get; } = [.. Enum.GetValues<WishStatus>().Where(s => s != WishStatus.Draft)];

    /// <summary>A done wish is fulfilled, or fulfilled and then confirmed at follow-up; queries use it with Contains.</summary>
    public static IReadOnlyList<WishStatus> DoneStatuses { get; } = [WishStatus.Fulfilled, WishStatus.Confirmed];

    private readonly List<WishPhoto> _photos = [];
    private readonly List<WishStatusChange> _history = [];

    private Wish()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>e.g. <c>W202612-0042</c>; keeps its intake round even if the wish later moves to another round.</summary>
    public string Code { get; private set; } = "";

    public Round Round { get; private set; }

    public WishStatus Status { get; private set; }

    public WishChannel Channel { get; private set; }

    public WishCategory Category { get; private set; }

    public WishKind Kind { get; private set; }

    public string DistrictCode { get; private set; } = "";

    public string Content { get; private set; } = "";

    /// <summary>
    /// The content as volunteers and the public see it: phone and ID numbers and the person's own details masked
    /// (<see cref="ContactDetails"/>). Staff see <see cref="Content"/>.
    /// </summary>
    public string MaskedContent { get; private set; } = "";

    /// <summary>Yuan, at most two decimals.</summary>
    public decimal EstimatedCost { get; private set; }

    public Urgency Urgency { get; private set; }

    public WishFlags Flags { get; private set; }

    public Guid BeneficiaryId { get; private set; }

    public IReadOnlyList<WishPhoto> Photos => _photos;

    /// <summary>Every status change with who and when; load it explicitly (Include) when showing history.</summary>
    public IReadOnlyList<WishStatusChange> History => _history;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    public Actor SubmittedBy { get; private set; }

    public DateTimeOffset? VerifiedAt { get; private set; }

    public Actor? VerifiedBy { get; private set; }

    public DateTimeOffset? RejectedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public DateTimeOffset? ClaimedAt { get; private set; }

    public DateTimeOffset? FulfilledAt { get; private set; }

    public DateTimeOffset? ConfirmedAt { get; private set; }

    public DateTimeOffset? WithdrawnAt { get; private set; }

    public string? ReviewNote { get; private set; }

    /// <summary>Why a reviewer verified a flagged wish anyway.</summary>
    public string? OverrideReason { get; private set; }

    public string? RejectReason { get; private set; }

    public string? WithdrawReason { get; private set; }

    public bool IsFlagged => Flags != WishFlags.None;

    /// <summary>
    /// Takes a wish in, in status Submitted. <paramref name="code"/> comes from the code allocator for
    /// <c>rules.RoundFor(at)</c> and fixes the wish's round; <paramref name="priorWishes"/> are the beneficiary's earlier wishes.
    /// </summary>
    public static Wish Submit(NewWish request, string code, WishRules rules, IEnumerable<PriorWish> priorWishes, Actor by, DateTimeOffset at)
    {
        var (round, _) = WishCode.Parse(code);
        var flags = rules.AssessCost(request.EstimatedCost);
        if (rules.IsRepeatWithinWindow(at, priorWishes)) flags |= WishFlags.SecondIn12Months;
        var content = Guard.Text(request.Content, "content", "心愿内容", ContentMaxLength, ContentMinLength);
        if (ContactDetails.AreIn(content, request.PersonalDetails)) flags |= WishFlags.ContactInContent;
        var photos = request.Photos ?? [];
        if (photos.Count > MaxPhotos) throw TooManyPhotos();

        var wish = new Wish
        {
            Id = Guid.CreateVersion7(),
            Code = code,
            Round = round,
            Status = WishStatus.Draft,
            Channel = request.Channel,
            Category = request.Category,
            Kind = request.Kind,
            DistrictCode = Guard.Text(request.DistrictCode, "districtCode", "所在区", District.CodeMaxLength),
            Content = content,
            MaskedContent = ContactDetails.Mask(content, request.PersonalDetails),
            EstimatedCost = request.EstimatedCost,
            Urgency = Urgency.Normal,
            Flags = flags,
            BeneficiaryId = request.BeneficiaryId,
            CreatedAt = Guard.Utc(at),
            SubmittedAt = Guard.Utc(at),
            SubmittedBy = by,
        };
        wish._photos.AddRange(photos);
        wish.Move(WishAction.Submitted, WishStatus.Submitted, by, at, null);
        return wish;
    }

    private static RuleViolationException TooManyPhotos() =>
        new(DomainErrorCodes.WishTooManyPhotos, $"每个心愿最多{MaxPhotos}张照片。");

    private static string Describe(WishFlags flags) => string.Join("、", new[]
    {
        flags.HasFlag(WishFlags.SecondIn12Months) ? "12个月内再次申请" : null,
        flags.HasFlag(WishFlags.OverSoftCostLimit) ? "费用超过建议标准" : null,
        flags.HasFlag(WishFlags.ContactInContent) ? "心愿内容含联系方式或个人信息" : null,
    }.OfType<string>());
}
