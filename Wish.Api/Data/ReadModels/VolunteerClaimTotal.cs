namespace WeChatWish.Api.Data.ReadModels;

/// <summary>
/// A volunteer's active and fulfilled claims, kept by a trigger on Claims (migration OrganisationCounters) in the claim's own
/// transaction. Its row is also what a membership's trigger locks to read the counts without racing a claim.
/// </summary>
public sealed class VolunteerClaimTotal
{
    private VolunteerClaimTotal()
    {
    }

    public Guid VolunteerId { get; private set; }

    public int Active { get; private set; }

    public int Fulfilled { get; private set; }
}
