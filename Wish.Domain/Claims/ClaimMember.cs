namespace WeChatWish.Domain;

/// <summary>A team member the leader assigned to a team claim (<see cref="Claim.Assign"/>), once per claim.</summary>
public sealed class ClaimMember
{
    private ClaimMember()
    {
    }

    public Guid ClaimId { get; private set; }

    public Guid VolunteerId { get; private set; }

    public DateTimeOffset AssignedAt { get; private set; }

    public Actor AssignedBy { get; private set; }

    internal static ClaimMember Create(Guid claimId, Guid volunteerId, Actor by, DateTimeOffset at) => new()
    {
        ClaimId = claimId,
        VolunteerId = volunteerId,
        AssignedAt = Guard.Utc(at),
        AssignedBy = by,
    };
}
