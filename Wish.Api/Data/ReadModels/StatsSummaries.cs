using WeChatWish.Domain;

namespace WeChatWish.Api.Data.ReadModels;

/// <summary>
/// Wish counts and estimated costs by round, status, district and category, kept by a trigger on Wishes (migration
/// StatsSummaries) in the writer's transaction. Each key is split over <see cref="StatsSummarySlots.Count"/> slot rows
/// (by the wish's id) so concurrent writes of different wishes do not queue on one row; readers sum the slots.
/// </summary>
public sealed class WishCountSummary
{
    private WishCountSummary()
    {
    }

    public Round Round { get; private set; }

    public WishStatus Status { get; private set; }

    public string DistrictCode { get; private set; } = "";

    public WishCategory Category { get; private set; }

    public short Slot { get; private set; }

    public int Wishes { get; private set; }

    public decimal EstimatedCost { get; private set; }
}

/// <summary>
/// Passbook minutes by China-time month (yyyyMM) of the entry, the volunteer's district ("" when none) and finality, kept by
/// triggers on ServiceRecordEntries and on Volunteers (a district change moves the volunteer's minutes); slot-split as above.
/// </summary>
public sealed class MinuteSummary
{
    private MinuteSummary()
    {
    }

    public int Month { get; private set; }

    public string DistrictCode { get; private set; } = "";

    public bool IsFinal { get; private set; }

    public short Slot { get; private set; }

    public long Minutes { get; private set; }

    /// <summary>The offset the trigger's months are taken in (stats_china_month).</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);
}

/// <summary>
/// A volunteer's active or fulfilled claims on one year's wishes of one district ("" for the whole city), kept by triggers on
/// Claims and Wishes; a row exists only while the count is positive, so the rows of a year are its active volunteers.
/// </summary>
public sealed class VolunteerYearClaim
{
    private VolunteerYearClaim()
    {
    }

    public int Year { get; private set; }

    public string DistrictCode { get; private set; } = "";

    public Guid VolunteerId { get; private set; }

    public int Claims { get; private set; }
}

/// <summary>How many <see cref="VolunteerYearClaim"/> rows a year and district has, slot-split: the statistics read this, not the pairs.</summary>
public sealed class ActiveVolunteerCount
{
    private ActiveVolunteerCount()
    {
    }

    public int Year { get; private set; }

    public string DistrictCode { get; private set; } = "";

    public short Slot { get; private set; }

    public int Volunteers { get; private set; }
}

public static class StatsSummarySlots
{
    /// <summary>Rows per key; the triggers write the slot stats_slot(id) picks from the written row's id.</summary>
    public const int Count = 8;

    /// <summary>The district key of the whole city in the volunteer tables, and of volunteers without a district in the minutes.</summary>
    public const string NoDistrict = "";
}
