using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Staff;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Audit;

public sealed record AuditQuery(string? ActorId, string? Action, string? EntityType, string? EntityId, DateTimeOffset? From,
    DateTimeOffset? To, int? Page, int? PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
}

public sealed record AuditLine(Guid Id, DateTimeOffset At, ActorKind ActorKind, string ActorId, string? ActorName, string Action,
    string EntityType, string EntityId, string? Details);

public sealed record AuditPage(IReadOnlyList<AuditLine> Items, int Total, int Page, int PageSize);

public sealed class AuditQueryValidator : AbstractValidator<AuditQuery>
{
    public AuditQueryValidator()
    {
        this.PagingRules(q => q.Page, q => q.PageSize, AuditQuery.MaxPageSize);
        RuleFor(q => q.Action).MaximumLength(AuditEntry.ActionMaxLength);
        RuleFor(q => q.ActorId).MaximumLength(Actor.IdMaxLength);
    }
}

/// <summary>The audit log for Admins: who did what to which record and when, newest first.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/admin/audit").WithTags("Staff: audit").RequireAuthorization(Policies.Admin).WithValidation()
            .MapGet("/", List)
            .WithSummary("?actorId&action (prefix, e.g. wish.)&entityType&entityId&from&to&page&pageSize → {items, total}");
        return app;
    }

    private static async Task<Ok<AuditPage>> List([AsParameters] AuditQuery query, WishDbContext db, CancellationToken cancellationToken)
    {
        var lines = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.ActorId)) lines = lines.Where(a => a.ActorId == query.ActorId);
        if (!string.IsNullOrWhiteSpace(query.Action)) lines = lines.Where(a => a.Action.StartsWith(query.Action));
        if (!string.IsNullOrWhiteSpace(query.EntityType)) lines = lines.Where(a => a.EntityType == query.EntityType);
        if (!string.IsNullOrWhiteSpace(query.EntityId)) lines = lines.Where(a => a.EntityId == query.EntityId);
        if (query.From is { } from) lines = lines.Where(a => a.At >= from.ToUniversalTime());
        if (query.To is { } to) lines = lines.Where(a => a.At < to.ToUniversalTime());

        var page = query.Page ?? 1;
        var size = query.PageSize ?? AuditQuery.DefaultPageSize;
        var total = await lines.CountAsync(cancellationToken);
        var items = await lines.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip((page - 1) * size).Take(size)
            .ToListAsync(cancellationToken);
        var staffIds = items.Where(a => a.ActorKind == ActorKind.Staff).Select(a => Guid.TryParse(a.ActorId, out var id) ? id : Guid.Empty).Distinct().ToList();
        var names = await db.StaffUsers.AsNoTracking().Where(u => staffIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id.ToString(), u => u.UserName, cancellationToken);
        return TypedResults.Ok(new AuditPage(items.Select(a => new AuditLine(a.Id, a.At, a.ActorKind, a.ActorId,
            a.ActorKind == ActorKind.Staff ? names.GetValueOrDefault(a.ActorId) : null, a.Action, a.EntityType, a.EntityId, a.Details)).ToList(),
            total, page, size));
    }
}
