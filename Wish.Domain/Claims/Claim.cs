namespace WeChatWish.Domain;

/// <summary>
/// A volunteer's lease on a wish. Opened by <see cref="Wish.Claim"/>; after it ends, call
/// <see cref="Wish.ReturnToPublished"/> (released, expired, revoked) or <see cref="Wish.Fulfil"/> (fulfilled) on the wish.
/// </summary>
public sealed class Claim
{
    public const int ReasonMaxLength = 500;

    private Claim()
    {
    }

    public Guid Id { get; private set; }

    public Guid WishId { get; private set; }

    public Guid VolunteerId { get; private set; }

    public ClaimStatus Status { get; private set; }

    public DateTimeOffset ClaimedAt { get; private set; }

    public DateTimeOffset DueAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public Actor? EndedBy { get; private set; }

    public string? EndReason { get; private set; }

    public DateTimeOffset? Reminder3DaysSentAt { get; private set; }

    public DateTimeOffset? Reminder1DaySentAt { get; private set; }

    public bool IsActive => Status == ClaimStatus.Active;

    /// <summary>For a team claim (多对一), the organisation the claimant leads and claimed for; null for a volunteer's own claim.</summary>
    public Guid? OrganisationId { get; private set; }

    public bool IsTeamClaim => OrganisationId is not null;

    /// <summary>
    /// The leader assigns a member of the team to the wish: while the claim is active they see the beneficiary's contact, and on
    /// fulfilment their minutes go into their own passbook. The leader is in the team already.
    /// </summary>
    public ClaimMember Assign(Guid volunteerId, DateTimeOffset at)
    {
        if (!IsTeamClaim)
            throw new RuleViolationException(DomainErrorCodes.ClaimNotTeam, "这是个人认领，不能分派队员。");
        EnsureActive("分派队员");
        if (volunteerId == VolunteerId)
            throw new RuleViolationException(DomainErrorCodes.ClaimMemberIsLeader, "负责人本人已在认领中，无需分派。");
        return ClaimMember.Create(Id, volunteerId, Actor.Volunteer(VolunteerId), at);
    }

    /// <summary>Taking a member off the wish is only for an active claim: an ended claim's team is its history.</summary>
    public void EnsureCanUnassign() => EnsureActive("调整队员");

    internal static Claim Open(Guid wishId, Guid volunteerId, DateTimeOffset dueAt, DateTimeOffset at, Guid? organisationId = null) => new()
    {
        Id = Guid.CreateVersion7(),
        WishId = wishId,
        VolunteerId = volunteerId,
        OrganisationId = organisationId,
        Status = ClaimStatus.Active,
        ClaimedAt = Guard.Utc(at),
        DueAt = Guard.Utc(dueAt),
    };

    /// <summary>The volunteer gives the wish back; the reason is optional.</summary>
    public void Release(string? reason, DateTimeOffset at)
    {
        EnsureActive("放弃");
        var text = Guard.OptionalText(reason, "reason", "放弃原因", ReasonMaxLength);
        End(ClaimStatus.Released, "放弃", Actor.Volunteer(VolunteerId), text ?? "志愿者放弃认领", at);
    }

    /// <summary>Staff take the wish back from the volunteer, with a reason.</summary>
    public void Revoke(string reason, Actor by, DateTimeOffset at)
    {
        EnsureActive("撤销");
        var text = Guard.Text(reason, "reason", "撤销原因", ReasonMaxLength);
        End(ClaimStatus.Revoked, "撤销", by, text, at);
    }

    /// <summary>The lease ran out; refused before <see cref="DueAt"/>.</summary>
    public void Expire(DateTimeOffset at)
    {
        EnsureActive("过期处理");
        if (at < DueAt)
            throw new ConflictException(DomainErrorCodes.ClaimNotDue, "认领尚未到期。");
        End(ClaimStatus.Expired, "过期处理", Actor.System("claim-expiry"), "认领已过期", at);
    }

    /// <summary>The volunteer reports the wish fulfilled; the returned record goes into the database beside the claim.</summary>
    public Fulfilment Fulfil(string note, IReadOnlyList<string> photoUrls, int minutes, DateTimeOffset at)
    {
        EnsureActive("提交完成");
        var fulfilment = Fulfilment.Create(this, note, photoUrls, minutes, at);
        End(ClaimStatus.Fulfilled, "提交完成", Actor.Volunteer(VolunteerId), null, at);
        return fulfilment;
    }

    /// <summary>Erasure of the beneficiary's data: why the claim ended may describe them, so it goes; the status says how it ended.</summary>
    public void EraseReason() => EndReason = ErasedText.Blank(EndReason);

    /// <summary>Which reminder, if any, is due now and not yet sent: three days before the due date, then one day before.</summary>
    public ClaimReminder? DueReminder(DateTimeOffset now)
    {
        if (!IsActive || now >= DueAt) return null;
        if (Reminder1DaySentAt is null && now >= DueAt.AddDays(-1)) return ClaimReminder.OneDay;
        if (Reminder3DaysSentAt is null && Reminder1DaySentAt is null && now >= DueAt.AddDays(-3)) return ClaimReminder.ThreeDays;
        return null;
    }

    public void MarkReminderSent(ClaimReminder reminder, DateTimeOffset at)
    {
        if (reminder == ClaimReminder.OneDay) Reminder1DaySentAt ??= Guard.Utc(at);
        else Reminder3DaysSentAt ??= Guard.Utc(at);
    }

    private void End(ClaimStatus status, string action, Actor by, string? reason, DateTimeOffset at)
    {
        EnsureActive(action);
        Status = status;
        EndedAt = Guard.Utc(at);
        EndedBy = by;
        EndReason = reason;
    }

    private void EnsureActive(string action)
    {
        if (!IsActive)
            throw new IllegalTransitionException(DomainErrorCodes.ClaimIllegalTransition, nameof(Claim), Status.ToString(), action,
                $"认领当前状态为“{Status.ChineseName()}”，不能{action}。");
    }
}
