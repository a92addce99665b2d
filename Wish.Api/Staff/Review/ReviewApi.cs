using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Api.Notifications;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Review;

/// <summary>The review queue: list and open wishes, verify (a flagged one only with an override reason), reject, withdraw.</summary>
public static class ReviewApi
{
    public static IEndpointRouteBuilder MapReview(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin/wishes").WithTags("Staff: review").RequireAuthorization(Policies.Staff).WithValidation();
        api.MapGet("/", List)
            .WithSummary("Review queue: ?status&round&districtCode&category&channel&flagged&q&masked&page&pageSize → {items, total}; masked=true is not audited");
        api.MapGet("/counts", Counts)
            .WithSummary("Wishes per status for the queue's tabs: ?round&districtCode&category&channel&flagged&q → {counts: {submitted: n, ...}, total}");
        api.MapGet("/{id:guid}", Get).WithSummary("One wish with its history, claims and follow-ups; ?masked=true is not audited");
        api.MapPost("/{id:guid}/beneficiary/reveal", Reveal)
            .WithSummary("The wish's beneficiary in full {id, name, phone, address, idNumber, erased}; audited as beneficiary.viewed");
        api.MapPost("/{id:guid}/verify", Verify)
            .WithSummary("Verify {urgency, category?, note?, overrideReason?}; 422 when flagged without overrideReason; ?masked=true is not audited");
        api.MapPost("/{id:guid}/reject", Reject).WithSummary("Reject {reason}");
        api.MapPost("/{id:guid}/withdraw", Withdraw).WithSummary("Withdraw {reason} (not once claimed)");
        return app;
    }

    private static async Task<Ok<AdminWishPage>> List([AsParameters] WishListQuery query, CurrentStaff staff, WishDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var wishes = db.Wishes.AsNoTracking().Filter(query, staff.EffectiveDistrict(query.DistrictCode));
        if (query.StatusValue is { } status) wishes = wishes.Where(w => w.Status == status);

        var page = query.Page ?? 1;
        var size = query.PageSize ?? WishListQuery.DefaultPageSize;
        var total = await wishes.CountAsync(cancellationToken);
        var rows = await wishes.OrderBy(w => w.SubmittedAt).ThenBy(w => w.Id).Skip((page - 1) * size).Take(size)
            .Join(db.Beneficiaries, w => w.BeneficiaryId, b => b.Id, (w, b) => new { Wish = w, Beneficiary = b })
            .ToListAsync(cancellationToken);

        var masked = query.Masked == true;
        if (!masked)
        {
            db.RecordBeneficiaryReads(staff, StaffAudit.BeneficiaryViewed,
                rows.Where(r => !r.Beneficiary.IsErased).Select(r => (r.Beneficiary.Id, r.Wish.Code)), "wishes.list", clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.Ok(new AdminWishPage(rows.Select(r => AdminWish.Of(r.Wish, r.Beneficiary, masked)).ToList(), total, page, size));
    }

    private static async Task<Ok<WishCounts>> Counts([AsParameters] WishCountsQuery query, CurrentStaff staff, WishDbContext db,
        CancellationToken cancellationToken)
    {
        var byStatus = await db.Wishes.AsNoTracking().Filter(query, staff.EffectiveDistrict(query.DistrictCode))
            .GroupBy(w => w.Status).Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        var counts = Wish.StoredStatuses.ToDictionary(ApiEnum.Name, s => byStatus.GetValueOrDefault(s));
        return TypedResults.Ok(new WishCounts(counts, counts.Values.Sum()));
    }

    private static async Task<Ok<RevealedBeneficiary>> Reveal(Guid id, CurrentStaff staff, WishDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var wish = await db.Wishes.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken) ?? throw DomainErrors.WishNotFound();
        staff.EnsureCanActIn(wish.DistrictCode);
        var beneficiary = await db.Beneficiaries.AsNoTracking().FirstAsync(b => b.Id == wish.BeneficiaryId, cancellationToken);
        ReadAudited(db, staff, wish, beneficiary, "wishes.reveal", clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(RevealedBeneficiary.Of(beneficiary));
    }

    private static async Task<Ok<AdminWishDetail>> Get(Guid id, bool? masked, CurrentStaff staff, WishDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var wish = await db.Wishes.AsNoTracking().Include(w => w.History).FirstOrDefaultAsync(w => w.Id == id, cancellationToken)
            ?? throw DomainErrors.WishNotFound();
        staff.EnsureCanActIn(wish.DistrictCode);
        var beneficiary = await db.Beneficiaries.AsNoTracking().FirstAsync(b => b.Id == wish.BeneficiaryId, cancellationToken);
        var claims = await db.Claims.AsNoTracking().Where(c => c.WishId == id).OrderBy(c => c.ClaimedAt)
            .GroupJoin(db.Volunteers, c => c.VolunteerId, v => v.Id, (c, v) => new { Claim = c, Volunteers = v })
            .SelectMany(x => x.Volunteers.DefaultIfEmpty(), (x, v) => new { x.Claim, Name = v == null ? null : v.Name })
            .ToListAsync(cancellationToken);
        var followUps = await db.FollowUps.AsNoTracking().Where(f => f.WishId == id).OrderBy(f => f.At).ToListAsync(cancellationToken);

        if (masked != true)
        {
            ReadAudited(db, staff, wish, beneficiary, "wishes.get", clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.Ok(new AdminWishDetail(
            AdminWish.Of(wish, beneficiary, masked == true),
            wish.History.OrderBy(h => h.At).Select(h => new HistoryLine(h.Action, h.From, h.To, h.At, h.By.ToString(), h.Note)).ToList(),
            claims.Select(c => AdminClaim.Of(c.Claim, wish.Code, c.Name)).ToList(),
            followUps.Select(f => AdminFollowUp.Of(f, wish.Status)).ToList()));
    }

    private static async Task<Ok<AdminWish>> Verify(Guid id, bool? masked, VerifyRequest request, CurrentStaff staff, WishDbContext db,
        ILifecycleNotifier notifier, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (wish, now) = await StaffWishes.LoadForActionAsync(id, staff, db, clock, cancellationToken);
        await VerifyAsync(wish, request, request.OverrideReason, staff, db, notifier, now, cancellationToken);
        return await RespondAsync(db, staff, wish, now, masked == true, cancellationToken);
    }

    /// <summary>The verification, its override's audit line and the beneficiary's message, joined to the caller's unit of work.</summary>
    internal static async Task VerifyAsync(Wish wish, IVerifyFields request, string? overrideReason, CurrentStaff staff, WishDbContext db,
        ILifecycleNotifier notifier, DateTimeOffset now, CancellationToken cancellationToken)
    {
        WishCategory? category = Categories.TryFromCode(request.Category, out var c) ? c : null;
        wish.Verify(request.Urgency!.Value, category, request.Note, overrideReason, staff.Actor, now);
        if (wish.OverrideReason is not null)
            // The override is the point of the rule: it gets an audit line of its own naming the flags it overrode; the reason
            // itself stays with the wish, since staff's words may name the person.
            db.Record(staff, "wish.flag_overridden", nameof(Wish), wish.Id.ToString(),
                $"{string.Join(",", wish.Flags.ToCodes())}: reason kept with the wish", now);
        await notifier.WishVerifiedAsync(wish, cancellationToken);
    }

    private static async Task<Ok<AdminWish>> Reject(Guid id, bool? masked, ReasonRequest request, CurrentStaff staff, WishDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var (wish, now) = await StaffWishes.LoadForActionAsync(id, staff, db, clock, cancellationToken);
        wish.Reject(request.Reason!, staff.Actor, now);
        return await RespondAsync(db, staff, wish, now, masked == true, cancellationToken);
    }

    private static async Task<Ok<AdminWish>> Withdraw(Guid id, bool? masked, ReasonRequest request, CurrentStaff staff, WishDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var (wish, now) = await StaffWishes.LoadForActionAsync(id, staff, db, clock, cancellationToken);
        wish.Withdraw(request.Reason!, staff.Actor, now);
        return await RespondAsync(db, staff, wish, now, masked == true, cancellationToken);
    }

    /// <summary>
    /// Saves the action, its audit lines and the audited read of the answer in one SaveChanges. With <c>masked</c> (the console,
    /// which shows no personal data after an action) the answer is masked and no view is recorded.
    /// </summary>
    private static async Task<Ok<AdminWish>> RespondAsync(WishDbContext db, CurrentStaff staff, Wish wish, DateTimeOffset now, bool masked,
        CancellationToken cancellationToken)
    {
        var beneficiary = await db.Beneficiaries.AsNoTracking().FirstAsync(b => b.Id == wish.BeneficiaryId, cancellationToken);
        if (!masked) ReadAudited(db, staff, wish, beneficiary, "wishes.action", now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(AdminWish.Of(wish, beneficiary, masked));
    }

    private static void ReadAudited(WishDbContext db, CurrentStaff staff, Wish wish, Beneficiary beneficiary, string via, DateTimeOffset now)
    {
        if (!beneficiary.IsErased)
            db.RecordBeneficiaryReads(staff, StaffAudit.BeneficiaryViewed, [(beneficiary.Id, wish.Code)], via, now);
    }
}
