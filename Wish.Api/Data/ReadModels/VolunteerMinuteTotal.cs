namespace WeChatWish.Api.Data.ReadModels;

/// <summary>
/// A volunteer's passbook totals, kept by the database: a trigger on ServiceRecordEntries (migration XingtaiSummaries) adds and
/// subtracts every inserted, confirmed, corrected or deleted line in the same transaction that writes it, so the totals never lag.
/// Read only here; statistics and lists sum these rows (one a volunteer) instead of every member's entries.
/// </summary>
public sealed class VolunteerMinuteTotal
{
    private VolunteerMinuteTotal()
    {
    }

    public Guid VolunteerId { get; private set; }

    /// <summary>Minutes of final entries: what points and stars count.</summary>
    public long FinalMinutes { get; private set; }

    /// <summary>Minutes of entries still waiting for their confirmation.</summary>
    public long PendingMinutes { get; private set; }
}
