namespace WeChatWish.Domain;

public enum PairingStatus
{
    Active,
    Ended,
}

/// <summary>Who holds a pairing: one volunteer, or a team (an organisation node) whose approved members visit.</summary>
public readonly record struct PairingHolder(Guid? VolunteerId, Guid? OrganisationId)
{
    public static PairingHolder Volunteer(Guid id) => new(id, null);

    public static PairingHolder Team(Guid id) => new(null, id);
}

/// <summary>
/// 结对帮扶 (DESIGN.md §10): a volunteer or a team paired with a beneficiary for a period (China-time dates) with a visit every
/// <see cref="EveryDays"/> days. Each visit is a passbook line of whoever made it; the next visit is due <see cref="EveryDays"/>
/// after the last (or after the start) and is overdue the day after that. Handing on (接力) moves the pairing to another holder
/// and keeps its visits and a <see cref="PairingHandover"/> row; the old holder's rights end with it. The host tells this type
/// whether a volunteer belongs to the holding team, since membership is the organisation tree's business.
/// </summary>
public sealed class Pairing
{
    public const int ContentMaxLength = 200;
    public const int ReasonMaxLength = 200;
    public const int MaxEveryDays = 365;

    private Pairing()
    {
    }

    public Guid Id { get; private set; }

    public Guid BeneficiaryId { get; private set; }

    /// <summary>The beneficiary's district when paired: what a coordinator's scope and the list filter read.</summary>
    public string DistrictCode { get; private set; } = "";

    public Guid? VolunteerId { get; private set; }

    public Guid? OrganisationId { get; private set; }

    /// <summary>The project (项目库) the pairing runs under; the project library keeps its own table.</summary>
    public Guid? ProjectId { get; private set; }

    /// <summary>What the pairing is for: 生活照料, 学业辅导 …</summary>
    public string? Content { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly? EndsOn { get; private set; }

    public int EveryDays { get; private set; }

    public PairingStatus Status { get; private set; }

    public DateOnly? LastVisitOn { get; private set; }

    /// <summary>Kept with every visit (and hand-on) so the overdue list is one indexed range.</summary>
    public DateOnly NextDueOn { get; private set; }

    /// <summary>The due date the holder was last reminded of: one reminder per due date, however many passes run.</summary>
    public DateOnly? RemindedForDueOn { get; private set; }

    public Actor CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public string? EndReason { get; private set; }

    public PairingHolder Holder => new(VolunteerId, OrganisationId);

    public bool IsActive => Status == PairingStatus.Active;

    public static Pairing Create(Beneficiary beneficiary, PairingHolder holder, DateOnly startsOn, DateOnly? endsOn, int everyDays, string? content,
        Guid? projectId, Actor by, DateTimeOffset at, TimeSpan utcOffset)
    {
        if (beneficiary.IsErased)
            throw new RuleViolationException(DomainErrorCodes.PairingBeneficiaryErased, "该受助人的个人信息已删除，不能再结对。");
        EnsureOneHolder(holder);
        if (endsOn is { } end && end < startsOn)
            throw new DomainValidationException(DomainErrorCodes.OutOfRange, "endsOn", "结束日期不能早于开始日期。");
        if (endsOn is { } last && last < Today(at, utcOffset))
            throw new DomainValidationException(DomainErrorCodes.OutOfRange, "endsOn", "结束日期不能早于今天。");
        var every = Guard.Range(everyDays, "everyDays", "走访间隔（天）", 1, MaxEveryDays);
        return new Pairing
        {
            Id = Guid.CreateVersion7(),
            BeneficiaryId = beneficiary.Id,
            DistrictCode = beneficiary.DistrictCode,
            VolunteerId = holder.VolunteerId,
            OrganisationId = holder.OrganisationId,
            ProjectId = projectId,
            Content = Guard.OptionalText(content, "content", "帮扶内容", ContentMaxLength),
            StartsOn = startsOn,
            EndsOn = endsOn,
            EveryDays = every,
            Status = PairingStatus.Active,
            NextDueOn = startsOn.AddDays(every),
            CreatedBy = by,
            CreatedAt = Guard.Utc(at),
        };
    }

    public static DateOnly Today(DateTimeOffset at, TimeSpan utcOffset) => DateOnly.FromDateTime(at.ToOffset(utcOffset).DateTime);

    /// <summary>Overdue on the day after the due date (China time), while active and while the due date falls in the period.</summary>
    public bool IsOverdue(DateOnly today) => IsActive && NextDueOn < today && (EndsOn is null || NextDueOn <= EndsOn);

    /// <summary>
    /// Whether <paramref name="volunteerId"/> may be credited with a visit: the holding volunteer, or an approved member of the holding
    /// team (<paramref name="isTeamMember"/>, as the host found it).
    /// </summary>
    public bool MayVisit(Guid volunteerId, bool isTeamMember) => VolunteerId is { } holder ? holder == volunteerId : isTeamMember;

    /// <summary>
    /// A visit on <paramref name="at"/> by <paramref name="volunteerId"/>; the caller adds the passbook line the visit returns with.
    /// The visit's China-time day lies in the period and not in the future; the next due date moves on from the latest visit.
    /// </summary>
    public PairingVisit RecordVisit(Guid volunteerId, bool isTeamMember, DateTimeOffset at, int minutes, string? content, Actor by,
        DateTimeOffset now, TimeSpan utcOffset)
    {
        EnsureActive("记录走访");
        if (!MayVisit(volunteerId, isTeamMember))
            throw new RuleViolationException(DomainErrorCodes.PairingNotHolder,
                OrganisationId is null ? "只有结对的志愿者本人可以记录走访。" : "只有结对服务队已通过审核的队员可以记录走访。");
        var day = Today(at, utcOffset);
        if (day < StartsOn || day > Today(now, utcOffset) || (EndsOn is { } end && day > end))
            throw new RuleViolationException(DomainErrorCodes.PairingVisitOutsidePeriod, "走访日期应在结对期内，且不能晚于今天。");
        var visit = PairingVisit.Create(Id, volunteerId, at, minutes, content, by, now);
        if (LastVisitOn is null || day > LastVisitOn)
        {
            LastVisitOn = day;
            NextDueOn = day.AddDays(EveryDays);
        }
        return visit;
    }

    /// <summary>接力: the pairing moves to <paramref name="to"/>; its visits stay with whoever made them.</summary>
    public PairingHandover HandOn(PairingHolder to, string? reason, Actor by, DateTimeOffset at)
    {
        EnsureActive("接力");
        EnsureOneHolder(to);
        if (to == Holder)
            throw new RuleViolationException(DomainErrorCodes.PairingSameHolder, "新的结对方与现在的结对方相同。");
        var handover = PairingHandover.Create(Id, Holder, to, Guard.Text(reason, "reason", "接力原因", ReasonMaxLength), by, at);
        VolunteerId = to.VolunteerId;
        OrganisationId = to.OrganisationId;
        // The new holder starts on a fresh reminder: they have not been told of the current due date yet.
        RemindedForDueOn = null;
        return handover;
    }

    /// <summary>The beneficiary's data is erased (DESIGN.md §5): what staff wrote about the pairing goes; dates and holders stay.</summary>
    public void ErasePersonalText()
    {
        Content = ErasedText.Blank(Content);
        EndReason = ErasedText.Blank(EndReason);
    }

    public void End(string? reason, DateTimeOffset at)
    {
        EnsureActive("结束");
        Status = PairingStatus.Ended;
        EndReason = Guard.OptionalText(reason, "reason", "结束原因", ReasonMaxLength);
        EndedAt = Guard.Utc(at);
    }

    /// <summary>True (and marked) when the holder should be reminded today of an overdue visit they were not yet told of.</summary>
    public bool MarkReminded(DateOnly today)
    {
        if (!IsOverdue(today) || RemindedForDueOn == NextDueOn) return false;
        RemindedForDueOn = NextDueOn;
        return true;
    }

    private void EnsureActive(string action)
    {
        if (!IsActive)
            throw new IllegalTransitionException(DomainErrorCodes.PairingEnded, nameof(Pairing), Status.ToString(), action, "这个结对已经结束。");
    }

    private static void EnsureOneHolder(PairingHolder holder)
    {
        if (holder.VolunteerId is null == holder.OrganisationId is null)
            throw new DomainValidationException(DomainErrorCodes.PairingHolderRequired, "volunteerId", "请选择一位志愿者或一个服务队（二选一）。");
    }
}
