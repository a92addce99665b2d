namespace WeChatWish.Domain;

/// <summary>
/// One line of a volunteer's service record (爱心存折): when, where, what, how long, who witnessed it.
/// Hours count towards points and stars only once <see cref="IsFinal"/>.
/// </summary>
public sealed class ServiceRecordEntry
{
    public const int PlaceMaxLength = 200;
    public const int ContentMaxLength = 500;
    public const int WitnessMaxLength = 50;
    public const int MaxMinutes = 24 * 60;

    private ServiceRecordEntry()
    {
    }

    public Guid Id { get; private set; }

    public Guid VolunteerId { get; private set; }

    public Guid? ClaimId { get; private set; }

    /// <summary>The activity sign-up this entry records, when it came from a shift's attendance.</summary>
    public Guid? SignUpId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Place { get; private set; } = "";

    public string Content { get; private set; } = "";

    public int Minutes { get; private set; }

    public string? Witness { get; private set; }

    public bool IsFinal { get; private set; }

    public DateTimeOffset? FinalAt { get; private set; }

    /// <summary>The provisional entry for a fulfilled wish; it becomes final when the wish is confirmed after a follow-up.</summary>
    public static ServiceRecordEntry ForFulfilment(Fulfilment fulfilment, string place, string content) =>
        Create(fulfilment.VolunteerId, fulfilment.ClaimId, fulfilment.At, place, content, fulfilment.Minutes, null, isFinal: false);

    /// <summary>A team member's provisional entry for a fulfilled team claim: their own minutes, final with the claimant's.</summary>
    public static ServiceRecordEntry ForTeamMember(Fulfilment fulfilment, Guid memberId, int minutes, string place, string content) =>
        Create(memberId, fulfilment.ClaimId, fulfilment.At, place, content, Guard.Range(minutes, "members", "服务时长（分钟）", 1, Fulfilment.MaxMinutes), null,
            isFinal: false);

    /// <summary>Service staff record directly (an event, a visit): final at once, since staff vouch for it.</summary>
    public static ServiceRecordEntry Record(Guid volunteerId, DateTimeOffset at, string place, string content, int minutes, string? witness) =>
        Create(volunteerId, null, at, place, content, minutes, witness, isFinal: true);

    /// <summary>A line the volunteer wrote alone (a pairing visit): it counts once staff or a leader make it final.</summary>
    public static ServiceRecordEntry Provisional(Guid volunteerId, DateTimeOffset at, string place, string content, int minutes) =>
        Create(volunteerId, null, at, place, content, minutes, null, isFinal: false);

    /// <summary>A shift's confirmed attendance: final at once, the organiser as witness.</summary>
    public static ServiceRecordEntry ForAttendance(SignUp signUp, Shift shift, string place, string content, int minutes, string witness,
        DateTimeOffset confirmedAt)
    {
        var entry = Create(signUp.VolunteerId, null, shift.StartsAt, place, content, minutes, witness, isFinal: true);
        entry.SignUpId = signUp.Id;
        entry.FinalAt = Guard.Utc(confirmedAt);
        return entry;
    }

    /// <summary>
    /// The organiser corrects a shift's confirmed minutes: the line shows the final figure (the audit log keeps the old one and the
    /// reason, the ledger a reversal). Only attendance lines are corrected so; a wish's hours follow its own confirmation.
    /// </summary>
    public void CorrectMinutes(int minutes, string witness, DateTimeOffset at)
    {
        if (SignUpId is null) throw new InvalidOperationException("only an attendance entry is corrected");
        Minutes = Guard.Range(minutes, "minutes", "服务时长（分钟）", 1, MaxMinutes);
        Witness = Guard.OptionalText(witness, "witness", "证明人", WitnessMaxLength) ?? Witness;
        FinalAt = Guard.Utc(at);
    }

    /// <summary>Confirms the entry, e.g. when its wish is confirmed; the witness is who vouched. A second call changes nothing.</summary>
    public void MakeFinal(string? witness, DateTimeOffset at)
    {
        if (IsFinal) return;
        Witness = Guard.OptionalText(witness, "witness", "证明人", WitnessMaxLength) ?? Witness;
        IsFinal = true;
        FinalAt = Guard.Utc(at);
    }

    /// <summary>
    /// Erasure of a beneficiary's data: the line is the volunteer's and stays, minus the person's own details (its content quotes
    /// the wish).
    /// </summary>
    /// <summary>A line whose whole content was about an erased person (a pairing visit's note): replaced, not scrubbed.</summary>
    public void ReplaceErasedContent(string content) => Content = Guard.Text(content, "content", "服务内容", ContentMaxLength);

    public void ScrubPersonalDetails(IReadOnlyCollection<string> personalDetails)
    {
        Place = ErasedText.Scrub(Place, personalDetails, PlaceMaxLength);
        Content = ErasedText.Scrub(Content, personalDetails, ContentMaxLength);
    }

    private static ServiceRecordEntry Create(
        Guid volunteerId, Guid? claimId, DateTimeOffset at, string place, string content, int minutes, string? witness, bool isFinal) => new()
    {
        Id = Guid.CreateVersion7(),
        VolunteerId = volunteerId,
        ClaimId = claimId,
        At = Guard.Utc(at),
        Place = Guard.Text(place, "place", "服务地点", PlaceMaxLength),
        Content = Guard.Text(content, "content", "服务内容", ContentMaxLength),
        Minutes = Guard.Range(minutes, "minutes", "服务时长（分钟）", 1, MaxMinutes),
        Witness = Guard.OptionalText(witness, "witness", "证明人", WitnessMaxLength),
        IsFinal = isFinal,
        FinalAt = isFinal ? Guard.Utc(at) : null,
    };
}
