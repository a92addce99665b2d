namespace WeChatWish.Domain;

public sealed partial class Wish
{
    /// <summary>Submitted → Verified. A flagged wish needs <paramref name="overrideReason"/>; the reviewer may re-classify.</summary>
    public void Verify(Urgency urgency, WishCategory? category, string? note, string? overrideReason, Actor by, DateTimeOffset at)
    {
        Ensure(WishAction.Verified, WishStatus.Submitted);
        var reason = Guard.OptionalText(overrideReason, "overrideReason", "特批理由", ReasonMaxLength);
        if (IsFlagged && reason is null)
            throw new RuleViolationException(DomainErrorCodes.WishFlaggedNeedsOverride,
                $"该心愿被标记为“{Describe(Flags)}”，审核通过需要填写特批理由。");

        ReviewNote = Guard.OptionalText(note, "note", "审核意见", NoteMaxLength);
        OverrideReason = IsFlagged ? reason : null;
        Urgency = urgency;
        Category = category ?? Category;
        VerifiedAt = Guard.Utc(at);
        VerifiedBy = by;
        Move(WishAction.Verified, WishStatus.Verified, by, at, OverrideReason ?? ReviewNote);
    }

    /// <summary>Submitted or Verified → Rejected.</summary>
    public void Reject(string reason, Actor by, DateTimeOffset at)
    {
        Ensure(WishAction.Rejected, WishStatus.Submitted, WishStatus.Verified);
        RejectReason = Guard.Text(reason, "reason", "驳回理由", ReasonMaxLength);
        RejectedAt = Guard.Utc(at);
        Move(WishAction.Rejected, WishStatus.Rejected, by, at, RejectReason);
    }

    /// <summary>Verified → Published: volunteers can now see and claim it.</summary>
    public void Publish(Actor by, DateTimeOffset at)
    {
        Ensure(WishAction.Published, WishStatus.Verified);
        PublishedAt = Guard.Utc(at);
        Move(WishAction.Published, WishStatus.Published, by, at, null);
    }

    /// <summary>
    /// Published → Claimed, opening a claim for the volunteer that lasts until <see cref="WishRules.ClaimDueAt"/>.
    /// <paramref name="activeClaims"/> is how many active claims the volunteer already holds.
    /// </summary>
    /// <summary>
    /// Published → Claimed. A team claim (多对一, DESIGN.md §10) names the organisation whose leader takes the wish for the team;
    /// the one-active-claim-per-wish rule is the same for both.
    /// </summary>
    public Claim Claim(Volunteer volunteer, int activeClaims, WishRules rules, DateTimeOffset at, Guid? organisationId = null)
    {
        if (Status == WishStatus.Claimed)
            throw new IllegalTransitionException(DomainErrorCodes.WishAlreadyClaimed, nameof(Wish), Status.ToString(),
                nameof(WishAction.Claimed), DomainErrors.WishAlreadyClaimedMessage);
        Ensure(WishAction.Claimed, WishStatus.Published);
        if (!volunteer.IsProfileComplete)
            throw new RuleViolationException(DomainErrorCodes.VolunteerProfileIncomplete, "请先完善志愿者资料，再认领心愿。");
        rules.EnsureCanTakeAnotherClaim(activeClaims);

        var claim = Domain.Claim.Open(Id, volunteer.Id, rules.ClaimDueAt(Round, at), at, organisationId);
        ClaimedAt = claim.ClaimedAt;
        Move(WishAction.Claimed, WishStatus.Claimed, Actor.Volunteer(volunteer.Id), at, null);
        return claim;
    }

    /// <summary>Claimed → Published after the claim was released, expired or revoked; who ended it is recorded.</summary>
    public void ReturnToPublished(Claim endedClaim, DateTimeOffset at)
    {
        Ensure(WishAction.ReturnedToPublished, WishStatus.Claimed);
        EnsureOwnClaim(endedClaim, ClaimStatus.Released, ClaimStatus.Expired, ClaimStatus.Revoked);
        ClaimedAt = null;
        Move(WishAction.ReturnedToPublished, WishStatus.Published, endedClaim.EndedBy ?? Actor.System("claims"), at, endedClaim.EndReason);
    }

    /// <summary>Claimed → Fulfilled, once its claim has been fulfilled.</summary>
    public void Fulfil(Claim fulfilledClaim, DateTimeOffset at)
    {
        Ensure(WishAction.Fulfilled, WishStatus.Claimed);
        EnsureOwnClaim(fulfilledClaim, ClaimStatus.Fulfilled);
        FulfilledAt = Guard.Utc(at);
        Move(WishAction.Fulfilled, WishStatus.Fulfilled, Actor.Volunteer(fulfilledClaim.VolunteerId), at, null);
    }

    /// <summary>Fulfilled → Confirmed, only on a satisfactory follow-up of this wish.</summary>
    public void Confirm(FollowUp followUp, Actor by, DateTimeOffset at)
    {
        Ensure(WishAction.Confirmed, WishStatus.Fulfilled);
        if (followUp.WishId != Id)
            throw new ConflictException(DomainErrorCodes.WishFollowUpMismatch, "回访记录不属于这个心愿。");
        if (!followUp.IsSatisfactory)
            throw new RuleViolationException(DomainErrorCodes.WishFollowUpUnsatisfactory,
                $"回访满意度为{followUp.Satisfaction}分，低于{FollowUp.SatisfactoryFrom}分，暂不能确认完成。");
        ConfirmedAt = Guard.Utc(at);
        Move(WishAction.Confirmed, WishStatus.Confirmed, by, at, null);
    }

    /// <summary>Submitted, Verified or Published → Withdrawn, by the beneficiary or staff. A claimed wish cannot be withdrawn.</summary>
    public void Withdraw(string reason, Actor by, DateTimeOffset at)
    {
        Ensure(WishAction.Withdrawn, WishStatus.Submitted, WishStatus.Verified, WishStatus.Published);
        WithdrawReason = Guard.Text(reason, "reason", "撤回原因", ReasonMaxLength);
        WithdrawnAt = Guard.Utc(at);
        Move(WishAction.Withdrawn, WishStatus.Withdrawn, by, at, WithdrawReason);
    }

    /// <summary>Rolls an unclaimed wish over to a later round; its status and code stay.</summary>
    public void MoveToRound(Round round, Actor by, DateTimeOffset at)
    {
        Ensure(WishAction.MovedToRound, WishStatus.Submitted, WishStatus.Verified, WishStatus.Published);
        if (round <= Round)
            throw new RuleViolationException(DomainErrorCodes.WishRoundNotLater, $"只能转入{Round}之后的轮次。");
        var note = $"{Round} → {round}";
        Round = round;
        Move(WishAction.MovedToRound, Status, by, at, note);
    }

    /// <summary>Adds a photo while the wish is still under review.</summary>
    public void AddPhoto(WishPhoto photo)
    {
        if (Status is not (WishStatus.Submitted or WishStatus.Verified))
            throw new IllegalTransitionException(DomainErrorCodes.WishIllegalTransition, nameof(Wish), Status.ToString(), "AddPhoto",
                $"心愿当前状态为“{Status.ChineseName()}”，不能再添加照片。");
        if (_photos.Count >= MaxPhotos) throw TooManyPhotos();
        _photos.Add(photo);
    }

    private void Ensure(WishAction action, params WishStatus[] allowed)
    {
        if (!allowed.Contains(Status))
            throw new IllegalTransitionException(DomainErrorCodes.WishIllegalTransition, nameof(Wish), Status.ToString(), action.ToString(),
                $"心愿当前状态为“{Status.ChineseName()}”，不能{action.ChineseName()}。");
    }

    private void EnsureOwnClaim(Claim claim, params ClaimStatus[] expected)
    {
        if (claim.WishId != Id || !expected.Contains(claim.Status))
            throw new ConflictException(DomainErrorCodes.WishClaimMismatch, "认领记录与心愿状态不一致，请刷新后重试。");
    }

    private void Move(WishAction action, WishStatus to, Actor by, DateTimeOffset at, string? note)
    {
        _history.Add(WishStatusChange.Create(Id, action, Status, to, by, at, note));
        Status = to;
    }
}
