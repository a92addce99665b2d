using System.Text.Json;

namespace WeChatWish.Domain;

/// <summary>One line of the audit log: who did what to which record, and when.</summary>
public sealed class AuditEntry
{
    public const int ActionMaxLength = 64;
    public const int EntityTypeMaxLength = 64;
    public const int EntityIdMaxLength = 64;
    public const int DetailsMaxLength = 2000;

    private AuditEntry()
    {
    }

    public Guid Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public ActorKind ActorKind { get; private set; }

    public string ActorId { get; private set; } = "";

    /// <summary>A dotted verb such as <c>wish.verified</c> or <c>beneficiary.viewed</c>.</summary>
    public string Action { get; private set; } = "";

    public string EntityType { get; private set; } = "";

    public string EntityId { get; private set; } = "";

    public string? Details { get; private set; }

    public Actor Actor => new(ActorKind, ActorId);

    public static AuditEntry Record(Actor by, string action, string entityType, string entityId, string? details, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(),
        At = Guard.Utc(at),
        ActorKind = by.Kind,
        ActorId = by.Id,
        Action = Guard.Text(action, nameof(action), "操作", ActionMaxLength),
        EntityType = Guard.Text(entityType, nameof(entityType), "对象类型", EntityTypeMaxLength),
        EntityId = Guard.Text(entityId, nameof(entityId), "对象编号", EntityIdMaxLength),
        // Details are free text from the host; cut rather than refuse, since an audit line must never fail the action.
        Details = details is { Length: > DetailsMaxLength } ? details[..DetailsMaxLength] : details,
    };

    /// <summary>
    /// Erasure only: the line itself stays (who, what, when, which record); <paramref name="details"/> replaces its free text
    /// about the erased person.
    /// </summary>
    public void Redact(string? details) => Details = details;

    /// <summary>Where an audit line points instead of copying staff's words, which may name or reach a person.</summary>
    public const string NoteInHistory = "note kept in the wish's history";

    /// <summary>
    /// The audit line for a wish's status change, so every transition appears in the log. A note (a verify note, a reason) is
    /// referred to, not copied: the log is read by more people than the wish, and its details carry no personal data.
    /// </summary>
    public static AuditEntry ForStatusChange(WishStatusChange change) => Record(
        change.By,
        "wish." + JsonNamingPolicy.SnakeCaseLower.ConvertName(change.Action.ToString()),
        nameof(Wish),
        change.WishId.ToString(),
        string.IsNullOrWhiteSpace(change.Note) ? null : NoteInHistory,
        change.At);
}
