namespace WeChatWish.Domain;

/// <summary>Where an offer of service stands (DESIGN.md §12); member names give the API spellings.</summary>
public enum OfferStatus
{
    Submitted,
    Published,
    Rejected,
    Closed,
}

/// <summary>
/// A service a follower of the official account offers on the wish wall (DESIGN.md §12): what, when, which district. Staff review
/// it (submitted → published or rejected with a reason; published → closed); published offers are browsed masked and requested,
/// each request a <see cref="OfferMatch"/>, and the minutes of a match may be credited to the offering person when they are a
/// registered volunteer.
/// </summary>
public sealed class ServiceOffer
{
    public const int WhatMinLength = 2;
    public const int WhatMaxLength = 200;
    public const int WhenMaxLength = 50;
    public const int ReasonMaxLength = 200;
    public const int NameMaxLength = 50;

    /// <summary>Shown for a person whose name we do not hold (a follower who is not a registered volunteer).</summary>
    public const string AnonymousDisplayName = "热心居民";

    private readonly List<OfferMatch> _matches = [];

    private ServiceOffer()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The WeChat openid of the follower who offered; never shown outside staff tools.</summary>
    public string OpenId { get; private set; } = "";

    /// <summary>The registered volunteer behind <see cref="OpenId"/>, when there is one: only then can minutes be credited.</summary>
    public Guid? VolunteerId { get; private set; }

    /// <summary>The person's full name when known (the volunteer's profile); shown masked as <see cref="DisplayName"/>.</summary>
    public string? OffererName { get; private set; }

    public string What { get; private set; } = "";

    public string When { get; private set; } = "";

    public string DistrictCode { get; private set; } = "";

    public OfferStatus Status { get; private set; }

    public string? RejectReason { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    public Actor? ReviewedBy { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public IReadOnlyList<OfferMatch> Matches => _matches;

    /// <summary>The name volunteers and the public see: masked like a beneficiary's (王**), or a neutral word when we hold none.</summary>
    public string DisplayName => OffererName is null ? AnonymousDisplayName : NameMask.Mask(OffererName);

    /// <summary>
    /// A new offer waiting for review. <paramref name="districtKnown"/> is the caller's answer to whether the district exists
    /// (the list of districts lives in the database, not in the domain).
    /// </summary>
    public static ServiceOffer Submit(string openId, Guid? volunteerId, string? offererName, string? what, string? when, string? districtCode,
        bool districtKnown, DateTimeOffset at)
    {
        var district = Guard.Text(districtCode, "districtCode", "所在区", District.CodeMaxLength);
        if (!districtKnown) throw new DomainValidationException(DomainErrorCodes.Invalid, "districtCode", "所在区不正确，请从列表中选择。");
        return new ServiceOffer
        {
            Id = Guid.CreateVersion7(),
            OpenId = Guard.Text(openId, "openId", "openid", Volunteer.OpenIdMaxLength),
            VolunteerId = volunteerId,
            OffererName = volunteerId is null ? null : Guard.OptionalText(offererName, "name", "姓名", NameMaxLength),
            What = CheckWhat(what),
            When = CheckWhen(when),
            DistrictCode = district,
            Status = OfferStatus.Submitted,
            SubmittedAt = Guard.Utc(at),
        };
    }

    /// <summary>What the person can help with, as stored: 2 to 200 characters. Throws with the words the intake repeats.</summary>
    public static string CheckWhat(string? what) => Guard.Text(what, "what", "能提供的服务", WhatMaxLength, WhatMinLength);

    /// <summary>When they can help, in their own words ("周末上午"): at most 50 characters.</summary>
    public static string CheckWhen(string? when) => Guard.Text(when, "when", "服务时间", WhenMaxLength);

    /// <summary>The follower registered as a volunteer after offering: their minutes can be credited from now on.</summary>
    public void LinkVolunteer(Guid volunteerId, string? name)
    {
        if (VolunteerId is not null) return;
        VolunteerId = volunteerId;
        OffererName = Guard.OptionalText(name, "name", "姓名", NameMaxLength);
    }

    public void Publish(Actor by, DateTimeOffset at)
    {
        Require(OfferStatus.Submitted, "publish", "只有待审核的服务可以发布。");
        Status = OfferStatus.Published;
        PublishedAt = ReviewedAt = Guard.Utc(at);
        ReviewedBy = by;
    }

    public void Reject(string? reason, Actor by, DateTimeOffset at)
    {
        var text = Guard.Text(reason, "reason", "不通过的原因", ReasonMaxLength);
        Require(OfferStatus.Submitted, "reject", "只有待审核的服务可以不通过。");
        Status = OfferStatus.Rejected;
        RejectReason = text;
        ReviewedAt = Guard.Utc(at);
        ReviewedBy = by;
    }

    /// <summary>The offer comes off the wall; its matches stay, and their minutes may still be credited.</summary>
    public void Close(DateTimeOffset at)
    {
        Require(OfferStatus.Published, "close", "只有已发布的服务可以关闭。");
        Status = OfferStatus.Closed;
        ClosedAt = Guard.Utc(at);
    }

    /// <summary>Someone asks for the service. Only a published offer is requested, once per requester, and not by the offerer.</summary>
    public OfferMatch Request(Actor by, string? note, DateTimeOffset at)
    {
        if (Status != OfferStatus.Published)
            throw new RuleViolationException(DomainErrorCodes.OfferNotPublished, "这项服务现在不能预约。");
        if (by.Kind == ActorKind.Volunteer && VolunteerId?.ToString() == by.Id)
            throw new RuleViolationException(DomainErrorCodes.OfferOwnRequest, "不能预约自己提供的服务。");
        if (_matches.Any(m => m.RequestedBy == by && m.ResidentName is null))
            throw new RuleViolationException(DomainErrorCodes.OfferAlreadyRequested, "您已经预约过这项服务，请等待工作人员联系。");
        var match = OfferMatch.Create(Id, by, note, at);
        _matches.Add(match);
        return match;
    }

    /// <summary>
    /// Staff record a request from a resident who is not a volunteer (asked at the station or on the hotline): the resident's
    /// name, and in the note how staff reach them. Only a published offer, and the same resident once per offer.
    /// </summary>
    public OfferMatch RequestForResident(string? residentName, string? note, Actor staff, DateTimeOffset at)
    {
        if (staff.Kind != ActorKind.Staff) throw new ArgumentException("Only staff record a resident's request.", nameof(staff));
        var name = Guard.Text(residentName, "residentName", "居民姓名", NameMaxLength);
        var how = Guard.Text(note, "note", "联系方式", OfferMatch.NoteMaxLength);
        if (Status != OfferStatus.Published)
            throw new RuleViolationException(DomainErrorCodes.OfferNotPublished, "这项服务现在不能预约。");
        if (_matches.Any(m => string.Equals(m.ResidentName, name, StringComparison.OrdinalIgnoreCase)))
            throw new RuleViolationException(DomainErrorCodes.OfferAlreadyRequested, $"已经为{name}登记过这项服务的预约。");
        var match = OfferMatch.Create(Id, staff, how, at, name);
        _matches.Add(match);
        return match;
    }

    /// <summary>
    /// Staff credit the minutes the offering person served on a match; the passbook line they get back goes to the offerer's
    /// volunteer record. Refused for an offerer who is not a registered volunteer, and for a match already credited.
    /// </summary>
    public ServiceRecordEntry Credit(Guid matchId, int minutes, string place, string witness, DateTimeOffset at)
    {
        var match = _matches.FirstOrDefault(m => m.Id == matchId)
            ?? throw new NotFoundException(DomainErrorCodes.OfferMatchNotFound, "找不到这条预约。");
        if (VolunteerId is not { } volunteerId)
            throw new RuleViolationException(DomainErrorCodes.OfferNotVolunteer, "提供这项服务的居民还不是注册志愿者，不能记入服务时长。请先请他在小程序注册志愿者。");
        match.Credit(minutes, at);
        return ServiceRecordEntry.Record(volunteerId, at, place, $"提供服务：{What}", minutes, witness);
    }

    private void Require(OfferStatus from, string action, string message)
    {
        if (Status != from)
            throw new IllegalTransitionException(DomainErrorCodes.OfferIllegalTransition, nameof(ServiceOffer), Status.ToString(), action, message);
    }
}

/// <summary>A request for an offered service: who asked, their note for staff (how to reach them), when, and any credited minutes.</summary>
public sealed class OfferMatch
{
    public const int NoteMaxLength = 200;

    private OfferMatch()
    {
    }

    public Guid Id { get; private set; }

    public Guid OfferId { get; private set; }

    /// <summary>A volunteer, or the staff member who recorded a resident's request (then <see cref="ResidentName"/> is set).</summary>
    public Actor RequestedBy { get; private set; }

    /// <summary>The resident who asked, for a request staff recorded on their behalf; null for a volunteer's own request.</summary>
    public string? ResidentName { get; private set; }

    public string? Note { get; private set; }

    public DateTimeOffset At { get; private set; }

    public int? CreditedMinutes { get; private set; }

    public DateTimeOffset? CreditedAt { get; private set; }

    internal static OfferMatch Create(Guid offerId, Actor by, string? note, DateTimeOffset at, string? residentName = null) => new()
    {
        Id = Guid.CreateVersion7(),
        OfferId = offerId,
        RequestedBy = by,
        ResidentName = residentName,
        Note = Guard.OptionalText(note, "note", "联系备注", NoteMaxLength),
        At = Guard.Utc(at),
    };

    internal void Credit(int minutes, DateTimeOffset at)
    {
        if (CreditedMinutes is not null)
            throw new ConflictException(DomainErrorCodes.OfferAlreadyCredited, "这条预约的服务时长已经记过了。");
        CreditedMinutes = Guard.Range(minutes, "minutes", "服务时长（分钟）", 1, ServiceRecordEntry.MaxMinutes);
        CreditedAt = Guard.Utc(at);
    }
}
