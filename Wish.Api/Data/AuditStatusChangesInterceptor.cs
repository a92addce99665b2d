using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using WeChatWish.Domain;

namespace WeChatWish.Api.Data;

/// <summary>
/// Every wish transition appears in the audit log, in the same transaction as the transition itself,
/// whichever endpoint or job made it: new <see cref="WishStatusChange"/> rows get their audit line here.
/// </summary>
public sealed class AuditStatusChangesInterceptor : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) AddAuditLines(context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context) AddAuditLines(context);
        return base.SavingChanges(eventData, result);
    }

    private static void AddAuditLines(DbContext context)
    {
        context.ChangeTracker.DetectChanges();
        var changes = context.ChangeTracker.Entries<WishStatusChange>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity)
            .ToList();
        foreach (var change in changes)
            context.Set<AuditEntry>().Add(AuditEntry.ForStatusChange(change));
    }
}
