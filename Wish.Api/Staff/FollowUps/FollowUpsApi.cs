using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Claims;
using WeChatWish.Api.Data;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Api.LoveBank;
using WeChatWish.Api.Notifications;
using WeChatWish.Api.Staff.Review;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.FollowUps;

public sealed record FollowUpRequest(FollowUpMethod? Method, int? Satisfaction, string? Notes);

public sealed class FollowUpRequestValidator : AbstractValidator<FollowUpRequest>
{
    public FollowUpRequestValidator()
    {
        RuleFor(r => r.Method).NotNull().WithMessage("请选择回访方式：phone（电话）或 visit（上门）。");
        RuleFor(r => r.Satisfaction).NotNull().WithMessage("请填写满意度（1–5分）。")
            .InclusiveBetween(FollowUp.MinSatisfaction, FollowUp.MaxSatisfaction).WithMessage("满意度应在1到5分之间。");
        RuleFor(r => r.Notes).MaximumLength(FollowUp.NotesMaxLength).WithMessage($"回访记录不能超过{FollowUp.NotesMaxLength}个字。");
    }
}

/// <summary>Revoking a volunteer's claim, and recording follow-ups: the first satisfactory one confirms the wish and the volunteer's hours.</summary>
public static class FollowUpsApi
{
    public static IEndpointRouteBuilder MapFollowUps(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/admin").WithTags("Staff: claims and follow-ups").RequireAuthorization(Policies.Staff).WithValidation();
        staff.MapPost("/claims/{id:guid}/revoke", Revoke)
            .WithSummary("Take a wish back from its volunteer {reason}; the volunteer is told and the wish is published again");
        staff.MapPost("/wishes/{id:guid}/follow-ups", Record)
            .WithSummary("Record a follow-up {method, satisfaction 1-5, notes}; the first satisfactory one confirms the wish");
        return app;
    }

    private static async Task<Ok<AdminClaim>> Revoke(Guid id, ReasonRequest request, CurrentStaff staff, WishDbContext db,
        ILifecycleNotifier notifier, ClaimGate gate, TimeProvider clock, CancellationToken cancellationToken)
    {
        var claim = await db.Claims.FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw DomainErrors.ClaimNotFound();
        var wish = await db.Wishes.FirstAsync(w => w.Id == claim.WishId, cancellationToken);
        staff.EnsureCanActIn(wish.DistrictCode);
        var now = clock.GetUtcNow();

        claim.Revoke(request.Reason!, staff.Actor, now);
        wish.ReturnToPublished(claim, now);
        db.Record(staff, "claim.revoked", nameof(Claim), claim.Id.ToString(), $"{wish.Code}: reason kept with the claim", now);
        await notifier.ClaimRevokedAsync(wish, claim, claim.EndReason!, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // The claim fast path would otherwise refuse the wish as taken until its marker lapses.
        await gate.ForgetAsync(wish.Id);

        var volunteer = await db.Volunteers.AsNoTracking().Where(v => v.Id == claim.VolunteerId).Select(v => v.Name).FirstOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(AdminClaim.Of(claim, wish.Code, volunteer));
    }

    private static async Task<Created<AdminFollowUp>> Record(Guid id, FollowUpRequest request, CurrentStaff staff, WishDbContext db,
        LoveBankLedger ledger, TimeProvider clock, CancellationToken cancellationToken)
    {
        // The ledger moves the balance inside this transaction, so the confirmation, the final hours and their points commit together.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (wish, now) = await StaffWishes.LoadForActionAsync(id, staff, db, clock, cancellationToken);
        var followUp = FollowUp.Record(wish, request.Method!.Value, request.Satisfaction!.Value, request.Notes, staff.Actor, now);
        db.FollowUps.Add(followUp);
        db.Record(staff, "follow_up.recorded", nameof(Wish), wish.Id.ToString(),
            $"{wish.Code}: {ApiEnum.Name(followUp.Method)}, satisfaction {followUp.Satisfaction}", now);

        if (followUp.IsSatisfactory && wish.Status == WishStatus.Fulfilled)
        {
            wish.Confirm(followUp, staff.Actor, now);
            // The volunteer's hours for this wish count once staff have confirmed it; the staff member vouches as witness.
            var claimIds = db.Claims.Where(c => c.WishId == wish.Id && c.Status == ClaimStatus.Fulfilled).Select(c => (Guid?)c.Id);
            var entries = await db.ServiceRecordEntries.Where(e => claimIds.Contains(e.ClaimId)).ToListAsync(cancellationToken);
            foreach (var entry in entries)
            {
                entry.MakeFinal(staff.UserName, now);
                // Final wish minutes earn points by the same rule as attendance; a wish's minutes are not corrected afterwards,
                // and settling again is a no-op, so a repeated confirmation earns nothing twice.
                await ledger.SettleEarnedAsync(entry.VolunteerId, entry.Id, entry.Minutes, $"完成微心愿{wish.Code}：服务{entry.Minutes}分钟",
                    $"微心愿{wish.Code}更正", staff.Actor, now, cancellationToken);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/admin/wishes/{wish.Id}", AdminFollowUp.Of(followUp, wish.Status));
    }
}
