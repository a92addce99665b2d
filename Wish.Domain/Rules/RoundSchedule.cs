namespace WeChatWish.Domain;

/// <summary>
/// The windows of one round, as UTC instants of China-time midnights. Each window ends where the next begins:
/// collection up to <see cref="CollectionEndsAt"/>, publication up to <see cref="PublicationEndsAt"/>, fulfilment up to <see cref="FulfilmentEndsAt"/>.
/// </summary>
public sealed record RoundSchedule(
    Round Round,
    DateTimeOffset CollectionOpensAt,
    DateTimeOffset CollectionEndsAt,
    DateTimeOffset PublicationEndsAt,
    DateTimeOffset FulfilmentEndsAt);
