using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Api.Staff;
using WeChatWish.Api.Volunteers;
using WeChatWish.Domain;

namespace WeChatWish.Api.LoveBank;

/// <summary>The rewards catalogue (回馈) and redemptions: volunteers redeem points for a code; staff mark it collected or cancel it with a refund.</summary>
public static class RewardsApi
{
    public static IEndpointRouteBuilder MapRewards(this IEndpointRouteBuilder app)
    {
        var mine = app.MapGroup("/api").WithTags("Volunteers: love bank").RequireAuthorization(Policies.Volunteer).WithValidation();
        mine.MapGet("/rewards", Catalogue).WithSummary("Rewards on offer now {items: [{id, name, partner, pointsCost, remaining?, minStarLevel?}]}");
        mine.MapPost("/rewards/{id:guid}/redeem", Redeem)
            .WithSummary("Reserves one and the points together: 201 {id, code, status: reserved}; 409 out of stock; 422 not enough points or a limit")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        mine.MapGet("/me/redemptions", MyRedemptions).WithSummary("The volunteer's redemptions, newest first");

        var staff = app.MapGroup("/api/admin").WithTags("Staff: love bank").RequireAuthorization(Policies.Staff).WithValidation();
        // The catalogue is the whole city's, so an admin keeps it; any staff member at a counter may hand out or cancel.
        staff.MapPost("/rewards", CreateReward).RequireAuthorization(Policies.Admin).WithSummary("Adds a reward {name, partner, pointsCost, stock?, perVolunteerLimit?, validFrom?, validTo?, minStarLevel?}");
        staff.MapGet("/rewards", ListRewards).WithSummary("Every reward with its stock and what remains, newest first");
        staff.MapGet("/redemptions", ListRedemptions).WithSummary("?status&code&page&pageSize → {items, total}, newest first");
        staff.MapPost("/redemptions/{id:guid}/collect", Collect).WithSummary("Marks a reservation collected").ProducesProblem(404).ProducesProblem(409);
        staff.MapPost("/redemptions/{id:guid}/cancel", Cancel).WithSummary("Cancels a reservation: stock back, points refunded")
            .ProducesProblem(404).ProducesProblem(409);
        staff.MapPost("/volunteers/{id:guid}/points", AdjustPoints).WithSummary("Adds or takes points {points, reason}: 201 the ledger row; 422 below zero")
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(422);
        return app;
    }

    private static async Task<Ok<RewardList>> Catalogue(WishDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var rewards = await db.Rewards.AsNoTracking().Where(r => (r.ValidFrom == null || r.ValidFrom <= now) && (r.ValidTo == null || r.ValidTo > now))
            .OrderBy(r => r.PointsCost).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(new RewardList(rewards.Select(RewardItem.Of).ToList()));
    }

    private static async Task<Created<RedemptionView>> Redeem(Guid id, CurrentVolunteer me, Redemptions redemptions, CancellationToken cancellationToken)
    {
        var redemption = await redemptions.RedeemAsync(id, me.Id, cancellationToken);
        return TypedResults.Created($"/api/me/redemptions", redemption);
    }

    private static async Task<Ok<MyRedemptionList>> MyRedemptions(CurrentVolunteer me, Redemptions redemptions, WishDbContext db,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(new MyRedemptionList(await redemptions.Views(db.Redemptions.Where(r => r.VolunteerId == me.Id))
            .Take(200).ToListAsync(cancellationToken)));

    private static async Task<Created<AdminReward>> CreateReward(CreateRewardRequest request, CurrentStaff staff, WishDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var reward = Reward.Create(new NewReward(request.Name!, request.Partner!, request.PointsCost!.Value, request.Stock, request.PerVolunteerLimit,
            request.ValidFrom, request.ValidTo, request.MinStarLevel), staff.Actor, now);
        db.Rewards.Add(reward);
        db.Record(staff, "reward.created", nameof(Reward), reward.Id.ToString(), $"{reward.PointsCost} points, stock {reward.Stock?.ToString() ?? "unlimited"}", now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/admin/rewards", AdminReward.Of(reward));
    }

    private static async Task<Ok<AdminRewardList>> ListRewards(WishDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(new AdminRewardList((await db.Rewards.AsNoTracking().OrderByDescending(r => r.CreatedAt).Take(500).ToListAsync(cancellationToken))
            .Select(AdminReward.Of).ToList()));

    private static async Task<Ok<RedemptionPage>> ListRedemptions([AsParameters] RedemptionQuery query, WishDbContext db, Redemptions redemptions,
        CancellationToken cancellationToken)
    {
        var status = ApiEnum.Parse<RedemptionStatus>(query.Status);
        var code = query.Code?.Trim().ToUpperInvariant();
        var filtered = db.Redemptions.Where(r => status == null || r.Status == status).Where(r => code == null || code == "" || r.Code == code);
        var page = query.Page ?? 1;
        var size = query.PageSize ?? RedemptionQuery.DefaultPageSize;
        var total = await filtered.CountAsync(cancellationToken);
        var items = await redemptions.Views(filtered)
            .Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new RedemptionPage(items, total, page, size));
    }

    private static async Task<Ok<RedemptionView>> Collect(Guid id, CurrentStaff staff, Redemptions redemptions, WishDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var view = await redemptions.CollectAsync(id, staff.Actor, cancellationToken);
        db.Record(staff, "redemption.collected", nameof(Redemption), id.ToString(), view.Code, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(view);
    }

    private static async Task<Ok<RedemptionView>> Cancel(Guid id, CurrentStaff staff, Redemptions redemptions, WishDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var view = await redemptions.CancelAsync(id, staff.Actor, cancellationToken);
        db.Record(staff, "redemption.cancelled", nameof(Redemption), id.ToString(), $"{view.Code}: {view.Points} points refunded", clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(view);
    }

    private static async Task<Created<LedgerRow>> AdjustPoints(Guid id, PointsRequest request, CurrentStaff staff, WishDbContext db, LoveBankLedger ledger,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var district = await db.Volunteers.AsNoTracking().Where(v => v.Id == id).Select(v => new { v.DistrictCode }).FirstOrDefaultAsync(cancellationToken)
            ?? throw DomainErrors.VolunteerNotFound();
        staff.EnsureCanActIn(district.DistrictCode);
        var now = clock.GetUtcNow();
        var entry = LedgerEntry.Adjusted(id, request.Points!.Value, request.Reason!, staff.Actor, now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await ledger.TryApplyAsync(entry, cancellationToken))
            throw new RuleViolationException(DomainErrorCodes.PointsNotEnough, "扣减后积分会低于0，无法调整。");
        db.Record(staff, "points.adjusted", nameof(Volunteer), id.ToString(), $"{entry.Points:+0;-0}: {entry.Reason}", now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/admin/volunteers/{id}/passbook", new LedgerRow(entry.Id, entry.At, entry.Kind, entry.Points, entry.Reason));
    }
}
