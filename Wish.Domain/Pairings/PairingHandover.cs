namespace WeChatWish.Domain;

/// <summary>A hand-on (接力): from whom to whom, when, by whom, why.</summary>
public sealed class PairingHandover
{
    private PairingHandover()
    {
    }

    public Guid Id { get; private set; }

    public Guid PairingId { get; private set; }

    public Guid? FromVolunteerId { get; private set; }

    public Guid? FromOrganisationId { get; private set; }

    public Guid? ToVolunteerId { get; private set; }

    public Guid? ToOrganisationId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public Actor By { get; private set; }

    public string Reason { get; private set; } = "";

    /// <summary>The reason may speak of the person helped; it goes with the rest of their data.</summary>
    public void EraseReason() => Reason = Reason.Length == 0 ? Reason : ErasedText.Marker;

    internal static PairingHandover Create(Guid pairingId, PairingHolder from, PairingHolder to, string reason, Actor by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(),
        PairingId = pairingId,
        FromVolunteerId = from.VolunteerId,
        FromOrganisationId = from.OrganisationId,
        ToVolunteerId = to.VolunteerId,
        ToOrganisationId = to.OrganisationId,
        At = Guard.Utc(at),
        By = by,
        Reason = reason,
    };
}
