using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Api.Intake;
using WeChatWish.Api.Notifications;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Privacy;

public sealed record ErasureResult(Guid Id, DateTimeOffset ErasedAt, IReadOnlyList<string> WithdrawnWishes, int RevokedClaims)
{
    /// <summary>Active pairings (结对帮扶) with the person, ended: their notes are erased with the rest.</summary>
    public int EndedPairings { get; init; }
}

/// <summary>
/// Erases a beneficiary's personal data on request (DESIGN.md §5), Admins only. The row keeps its district and its wishes keep
/// category, cost, status, dates and history, so statistics do not move. What people wrote about the wishes goes too (notes, reasons,
/// follow-up notes, fulfilment notes and photos, the same words in the audit lines: see <see cref="WishTextEraser"/>), and so does
/// the openid in the notification tables. Wishes still in progress cannot be carried out without a way to reach the person: waiting
/// ones are withdrawn, and a claimed one has its claim revoked (the volunteer is told) and is withdrawn. Fulfilled and confirmed
/// wishes stay as they are; pairings with the person end and lose their notes (<see cref="PairingEraser"/>). All of it commits
/// together or not at all.
/// </summary>
public static class ErasureApi
{
    public const string Reason = "受助人申请删除个人信息";

    public static IEndpointRouteBuilder MapErasure(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/admin/beneficiaries").WithTags("Staff: privacy").RequireAuthorization(Policies.Admin).WithValidation()
            .MapPost("/{id:guid}/erase", Erase).WithSummary("Erase a beneficiary's personal data; statistics and wish history stay");
        return app;
    }

    private static async Task<Ok<ErasureResult>> Erase(Guid id, CurrentStaff staff, WishDbContext db, ILifecycleNotifier notifier,
        NotificationErasure notifications, ConversationStore conversations, TimeProvider clock, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var beneficiary = await db.Beneficiaries.FirstOrDefaultAsync(b => b.Id == id, cancellationToken)
            ?? throw new NotFoundException(DomainErrorCodes.BeneficiaryNotFound, "找不到该受助人。");
        var wishes = await db.Wishes.Include(w => w.History).Where(w => w.BeneficiaryId == id).ToListAsync(cancellationToken);
        var wishIds = wishes.Select(w => w.Id).ToList();
        var openId = beneficiary.OpenId;
        var claims = await db.Claims.Where(c => wishIds.Contains(c.WishId)).ToListAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Blanked before the withdrawals below, whose reason says nothing about the person and stays readable.
        await WishTextEraser.EraseAsync(db, wishes, claims, beneficiary.PersonalDetails(), cancellationToken);
        var endedPairings = await PairingEraser.EraseAsync(db, id, Reason, now, cancellationToken);
        await notifications.EraseAsync(beneficiary.OpenId, wishes.Select(w => w.Code).ToList(), cancellationToken);
        var activeClaims = claims.Where(c => c.IsActive).ToList();
        foreach (var claim in activeClaims)
        {
            var wish = wishes.First(w => w.Id == claim.WishId);
            claim.Revoke(Reason, staff.Actor, now);
            wish.ReturnToPublished(claim, now);
            await notifier.ClaimRevokedAsync(wish, claim, Reason, cancellationToken);
        }
        var withdrawn = new List<string>();
        foreach (var wish in wishes.Where(w => w.Status is WishStatus.Submitted or WishStatus.Verified or WishStatus.Published))
        {
            wish.Withdraw(Reason, staff.Actor, now);
            withdrawn.Add(wish.Code);
        }
        beneficiary.Erase(now);
        db.Record(staff, "beneficiary.erased", nameof(Beneficiary), id.ToString(),
            $"withdrawn: {string.Join(",", withdrawn)}; claims revoked: {activeClaims.Count}; pairings ended: {endedPairings}", now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (openId is not null) await ForgetConversationAsync(conversations, openId, loggers.CreateLogger(typeof(ErasureApi)));
        return TypedResults.Ok(new ErasureResult(id, beneficiary.ErasedAt!.Value, withdrawn, activeClaims.Count) { EndedPairings = endedPairings });
    }

    private static async Task ForgetConversationAsync(ConversationStore conversations, string openId, ILogger logger)
    {
        try
        {
            await conversations.ForgetAsync(openId);
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            // The database is already erased; a draft left in Redis expires with Intake:DraftKeep.
            logger.LogWarning(e, "Could not drop the erased person's half-finished WeChat conversation");
        }
    }
}
