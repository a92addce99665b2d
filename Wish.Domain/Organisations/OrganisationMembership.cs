namespace WeChatWish.Domain;

public enum MembershipStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// A volunteer's place in one organisation: applied, then approved or rejected by a leader of the node (or of a node above it)
/// or by staff. A leader is an approved member with <see cref="IsLeader"/>; appointing one approves them on the spot. A
/// volunteer may belong to several organisations, once each; a rejected volunteer may apply again.
/// </summary>
public sealed class OrganisationMembership
{
    private OrganisationMembership()
    {
    }

    public Guid OrganisationId { get; private set; }

    public Guid VolunteerId { get; private set; }

    public MembershipStatus Status { get; private set; }

    public bool IsLeader { get; private set; }

    public DateTimeOffset AppliedAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public Actor? DecidedBy { get; private set; }

    public static OrganisationMembership Apply(Guid organisationId, Guid volunteerId, DateTimeOffset at) => new()
    {
        OrganisationId = organisationId,
        VolunteerId = volunteerId,
        Status = MembershipStatus.Pending,
        AppliedAt = Guard.Utc(at),
    };

    /// <summary>Applying again: a pending or approved member is told so; a rejected one goes back in line.</summary>
    public void Reapply(DateTimeOffset at)
    {
        if (Status != MembershipStatus.Rejected)
            throw new ConflictException(DomainErrorCodes.OrganisationAlreadyMember,
                Status == MembershipStatus.Pending ? "您已经申请过了，请等待负责人审核。" : "您已经是这个组织的成员了。");
        Status = MembershipStatus.Pending;
        AppliedAt = Guard.Utc(at);
        DecidedAt = null;
        DecidedBy = null;
    }

    public void Approve(Actor by, DateTimeOffset at) => Decide(MembershipStatus.Approved, by, at);

    public void Reject(Actor by, DateTimeOffset at)
    {
        if (IsLeader)
            throw new RuleViolationException(DomainErrorCodes.OrganisationLeaderCannotBeRejected, "负责人不能被拒绝，请先撤销其负责人身份。");
        Decide(MembershipStatus.Rejected, by, at);
    }

    /// <summary>Appointing a leader: a member or not, they are an approved member with a leader's rights from now.</summary>
    public void MakeLeader(Actor by, DateTimeOffset at)
    {
        if (Status != MembershipStatus.Approved)
        {
            Status = MembershipStatus.Approved;
            DecidedAt = Guard.Utc(at);
            DecidedBy = by;
        }
        IsLeader = true;
    }

    public void StepDown() => IsLeader = false;

    private void Decide(MembershipStatus outcome, Actor by, DateTimeOffset at)
    {
        if (Status != MembershipStatus.Pending)
            throw new ConflictException(DomainErrorCodes.OrganisationNotPending,
                Status == MembershipStatus.Approved ? "这位志愿者已经通过审核。" : "这份申请已经被拒绝了。");
        Status = outcome;
        DecidedAt = Guard.Utc(at);
        DecidedBy = by;
    }
}
