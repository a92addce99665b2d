namespace WeChatWish.Api.Data.ReadModels;

/// <summary>
/// A volunteer as seen from one node of the organisation tree: one row for each node they belong to and each node above it,
/// with how many of that subtree's memberships are theirs (approved, pending, leading) and copies of their totals. Kept by
/// triggers (migration OrganisationCounters) in the writer's transaction, so a node's statistics are one range of its own rows
/// (a volunteer in two teams of a station counts once), never a sum over every member's passbook and claims.
/// </summary>
public sealed class OrganisationSubtreeMember
{
    private OrganisationSubtreeMember()
    {
    }

    public Guid OrganisationId { get; private set; }

    public Guid VolunteerId { get; private set; }

    /// <summary>Approved memberships of the volunteer in this subtree; above zero means a member.</summary>
    public int Approved { get; private set; }

    public int Pending { get; private set; }

    public int Leaderships { get; private set; }

    /// <summary>The volunteer's final minutes, copied from <see cref="VolunteerMinuteTotal"/>.</summary>
    public long FinalMinutes { get; private set; }

    /// <summary>The volunteer's claims, copied from <see cref="VolunteerClaimTotal"/>.</summary>
    public int ActiveClaims { get; private set; }

    public int FulfilledClaims { get; private set; }
}
