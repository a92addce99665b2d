namespace WeChatWish.Console.Api;

public sealed record AuditLine(Guid Id, DateTimeOffset At, string ActorKind, string ActorId, string? ActorName, string Action,
    string EntityType, string EntityId, string? Details);

public sealed record AuditPage(List<AuditLine> Items, int Total, int Page, int PageSize);

public sealed record StaffAccount(Guid Id, string UserName, string Role, string? DistrictCode, bool IsActive,
    DateTimeOffset? LockedUntil, DateTimeOffset? LastLoginAt, DateTimeOffset CreatedAt);
