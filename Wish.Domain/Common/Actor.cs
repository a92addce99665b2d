namespace WeChatWish.Domain;

public enum ActorKind
{
    Staff,
    Volunteer,
    Beneficiary,
    System,
}

/// <summary>Who did something: recorded with every transition and audit entry.</summary>
/// <param name="Id">The staff, volunteer or beneficiary id, or the name of the system job.</param>
public readonly record struct Actor(ActorKind Kind, string Id)
{
    public const int IdMaxLength = 64;

    public string Id { get; } = Id is { Length: > 0 and <= IdMaxLength }
        ? Id
        : throw new ArgumentException($"An actor id has 1 to {IdMaxLength} characters.", nameof(Id));

    /// <summary>Room for the longest kind, the separator and the id, for columns that store <see cref="ToString"/>.</summary>
    public const int StoredMaxLength = IdMaxLength + 12;

    public static Actor Staff(Guid id) => new(ActorKind.Staff, id.ToString());

    public static Actor Volunteer(Guid id) => new(ActorKind.Volunteer, id.ToString());

    public static Actor Beneficiary(Guid id) => new(ActorKind.Beneficiary, id.ToString());

    public static Actor System(string job) => new(ActorKind.System, job);

    /// <summary>"Staff:3f2a…" — the stored form.</summary>
    public override string ToString() => $"{Kind}:{Id}";

    public static Actor Parse(string value)
    {
        var separator = value.IndexOf(':');
        if (separator <= 0 || !Enum.TryParse<ActorKind>(value[..separator], out var kind))
            throw new FormatException($"Not an actor: '{value}'.");
        return new Actor(kind, value[(separator + 1)..]);
    }
}
