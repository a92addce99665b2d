using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wish.Api.Auth;
using Wish.Api.Data;
using Wish.Api.Notifications;
using Wish.Domain;

namespace Wish.Api.Staff.Privacy;

public sealed record ErasureResult(Guid Id, DateTimeOffset ErasedAt, IReadOnlyList<string> WithdrawnWishes, int RevokedClaims);

/// <summary>
/// Erases a beneficiary's personal data on request (DESIGN.md §5), Admins only. The row keeps its district and its wishes keep
/// content, category, cost, status and history, so statistics do not move. Photos of their wishes go (they show the person or their
/// home). Wishes still in progress cannot be carried out without a way to reach the person: waiting ones are withdrawn, and a claimed
/// one has its claim revoked (the volunteer is told) and is withdrawn. Fulfilled and confirmed wishes stay as they are.
/// </summary>
public static class ErasureApi
{
    public const string Reason = "受助人申请删除个人信息";

    public static IEndpointRouteBuilder MapErasure(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/admin/beneficiaries").WithTags("Staff: privacy").RequireAuthorization(Policies.Admin)
            .MapPost("/{id:guid}/erase", Erase).WithSummary("Erase a beneficiary's personal data; statistics and wish history stay");
        return app;
    }

    private static async Task<Ok<ErasureResult>> Erase(Guid id, HttpContext http, WishDbContext db, ILifecycleNotifier notifier,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var staff = CurrentStaff.From(http.User);
        var now = clock.GetUtcNow();
        var beneficiary = await db.Beneficiaries.FirstOrDefaultAsync(b => b.Id == id, cancellationToken)
            ?? throw new NotFoundException("beneficiary.not_found", "找不到该受助人。");
        var wishes = await db.Wishes.Where(w => w.BeneficiaryId == id).ToListAsync(cancellationToken);
        var wishIds = wishes.Select(w => w.Id).ToList();
        var activeClaims = await db.Claims.Where(c => wishIds.Contains(c.WishId) && c.Status == ClaimStatus.Active).ToListAsync(cancellationToken);

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
        foreach (var wish in wishes) wish.RemovePhotos();
        beneficiary.Erase(now);
        db.Record(staff, "beneficiary.erased", nameof(Beneficiary), id.ToString(),
            $"withdrawn: {string.Join(",", withdrawn)}; claims revoked: {activeClaims.Count}", now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ErasureResult(id, beneficiary.ErasedAt!.Value, withdrawn, activeClaims.Count));
    }
}
