namespace WeChatWish.Api.Data.ReadModels;

/// <summary>
/// How many volunteers with a name (the ones the staff list shows) a district holds, kept by a trigger on Volunteers (migration
/// VolunteerListIndexes) in the transaction of every registration, profile change and deletion. A district's count is split over
/// <see cref="Slots"/> rows, each change going to a random one, so concurrent registrations in one district do not queue on one
/// row lock; the count is the sum of its rows. Volunteers without a district count under "". Read only here.
/// </summary>
public sealed class VolunteerDistrictCount
{
    public const int Slots = 8;

    private VolunteerDistrictCount()
    {
    }

    public string DistrictCode { get; private set; } = "";

    public int Slot { get; private set; }

    /// <summary>This slot's share: may be negative when deletions land on another slot than the registration did.</summary>
    public long Count { get; private set; }
}
