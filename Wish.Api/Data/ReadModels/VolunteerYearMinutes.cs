namespace WeChatWish.Api.Data.ReadModels;

/// <summary>
/// A volunteer's final minutes in one calendar year at UTC+8 (the programme's China time), kept by a trigger on
/// ServiceRecordEntries (migration VolunteerListIndexes) like <see cref="VolunteerMinuteTotal"/>. The hours export reads one row
/// a volunteer instead of summing that volunteer's year of entries; with another configured offset it sums the entries.
/// </summary>
public sealed class VolunteerYearMinutes
{
    /// <summary>The offset the trigger's years are cut at; the SQL in the migration says the same.</summary>
    public static readonly TimeSpan UtcOffset = TimeSpan.FromHours(8);

    private VolunteerYearMinutes()
    {
    }

    public Guid VolunteerId { get; private set; }

    public int Year { get; private set; }

    public long FinalMinutes { get; private set; }
}
