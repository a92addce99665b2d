using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Api.LoveBank;
using WeChatWish.Api.ReferenceData;
using WeChatWish.Api.Staff;
using WeChatWish.Api.Volunteers;
using WeChatWish.Domain;

namespace WeChatWish.Api.Offers;

/// <summary>
/// Offers of service on the wish wall (DESIGN.md §12). Followers offer through the WeChat conversation ("我能帮忙", see
/// <see cref="Intake.OfferSteps"/>); staff review them here, a coordinator only in their own district as with wishes; published
/// offers are browsed masked by volunteers and the public, and requested by volunteers; staff credit a match's minutes to the
/// offering person's passbook when they are a registered volunteer.
/// </summary>
public static class OffersApi
{
    public static IHostApplicationBuilder AddOffers(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapOffers(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/admin/offers").WithTags("Staff: offers").RequireAuthorization(Policies.Staff).WithValidation();
        staff.MapGet("/", StaffList).WithSummary("?status=submitted|published|rejected|closed&districtCode&page&pageSize → {items, total}: newest first");
        staff.MapPost("/{id:guid}/publish", Publish).WithSummary("Publish a submitted offer on the wall")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPost("/{id:guid}/reject", Reject).WithSummary("Reject a submitted offer {reason}")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPost("/{id:guid}/close", Close).WithSummary("Take a published offer off the wall; its matches stay")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPost("/{id:guid}/matches", RecordResidentRequest)
            .WithSummary("Record a request from a resident who is not a volunteer {residentName, note: how to reach them} → 201 the match")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        staff.MapPost("/{id:guid}/matches/{matchId:guid}/credit", Credit)
            .WithSummary("Credit the minutes served on a match {minutes}: a passbook line and points for the offering volunteer; "
                + "422 (code offer.not_volunteer) when the person who offered is not a registered volunteer")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        var volunteers = app.MapGroup("/api/offers").WithTags("Volunteers").RequireAuthorization(Policies.Volunteer).WithValidation();
        volunteers.MapGet("/", Browse).WithSummary("Published offers, newest first, offerer masked (?districtCode&cursor&limit); keyset pages via nextCursor");
        volunteers.MapPost("/{id:guid}/requests", RequestOffer).WithSummary("Ask for an offered service {note}: staff put you in touch")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        app.MapGroup("/api/public").WithTags("Public").AllowAnonymous().WithValidation()
            .MapGet("/offers", PublicList).WithSummary("Published offers of service, anonymised (?districtCode&cursor&limit)");
        return app;
    }

    private static async Task<Ok<StaffOfferPage>> StaffList([AsParameters] StaffOfferQuery query, CurrentStaff staff, WishDbContext db,
        CancellationToken cancellationToken)
    {
        var district = staff.EffectiveDistrict(query.DistrictCode);
        var offers = db.ServiceOffers().AsNoTracking();
        if (query.StatusValue is { } status) offers = offers.Where(o => o.Status == status);
        if (district is not null) offers = offers.Where(o => o.DistrictCode == district);
        var page = query.Page ?? 1;
        var size = query.PageSize ?? StaffOfferQuery.DefaultPageSize;
        var total = await offers.CountAsync(cancellationToken);
        var items = await offers.OrderByDescending(o => o.SubmittedAt).ThenBy(o => o.Id).Skip((page - 1) * size).Take(size)
            .Include(o => o.Matches).AsSplitQuery().ToListAsync(cancellationToken);
        var names = await RequesterNamesAsync(db, items.SelectMany(o => o.Matches), cancellationToken);
        return TypedResults.Ok(new StaffOfferPage(items.Select(o => StaffView(o, names)).ToList(), total, page, size));
    }

    private static async Task<Ok<StaffOfferView>> Publish(Guid id, CurrentStaff staff, WishDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (offer, now) = await LoadForActionAsync(id, staff, db, clock, cancellationToken);
        offer.Publish(staff.Actor, now);
        db.Record(staff, "offer.published", nameof(ServiceOffer), offer.Id.ToString(), null, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(StaffView(offer, await RequesterNamesAsync(db, offer.Matches, cancellationToken)));
    }

    private static async Task<Ok<StaffOfferView>> Reject(Guid id, OfferRejectRequest request, CurrentStaff staff, WishDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var (offer, now) = await LoadForActionAsync(id, staff, db, clock, cancellationToken);
        offer.Reject(request.Reason, staff.Actor, now);
        db.Record(staff, "offer.rejected", nameof(ServiceOffer), offer.Id.ToString(), null, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(StaffView(offer, await RequesterNamesAsync(db, offer.Matches, cancellationToken)));
    }

    private static async Task<Ok<StaffOfferView>> Close(Guid id, CurrentStaff staff, WishDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (offer, now) = await LoadForActionAsync(id, staff, db, clock, cancellationToken);
        offer.Close(now);
        db.Record(staff, "offer.closed", nameof(ServiceOffer), offer.Id.ToString(), null, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(StaffView(offer, await RequesterNamesAsync(db, offer.Matches, cancellationToken)));
    }

    private static async Task<Created<StaffOfferMatchView>> RecordResidentRequest(Guid id, ResidentOfferRequest request, CurrentStaff staff,
        WishDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (offer, now) = await LoadForActionAsync(id, staff, db, clock, cancellationToken);
        var match = offer.RequestForResident(request.ResidentName, request.Note, staff.Actor, now);
        db.OfferMatches().Add(match);
        db.Record(staff, "offer.requested", nameof(ServiceOffer), offer.Id.ToString(), $"match {match.Id} for a resident", now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/admin/offers/{id}/matches/{match.Id}", MatchView(match, new Dictionary<Guid, string?>()));
    }

    /// <summary>
    /// The passbook line is final at once (staff vouch for it, as for a service they record directly) and points follow the
    /// minutes by the points rule, as for a shift's attendance; the match is the points' source, so it is never credited twice.
    /// </summary>
    private static async Task<Ok<OfferCreditView>> Credit(Guid id, Guid matchId, OfferCreditRequest request, CurrentStaff staff,
        WishDbContext db, LoveBankLedger ledger, DistrictDirectory districts, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (offer, now) = await LoadForActionAsync(id, staff, db, clock, cancellationToken);
        if (offer.VolunteerId is null)
        {
            // The follower may have registered as a volunteer since offering.
            var volunteer = await db.Volunteers.AsNoTracking().Where(v => v.OpenId == offer.OpenId).Select(v => new { v.Id, v.Name })
                .FirstOrDefaultAsync(cancellationToken);
            if (volunteer is not null) offer.LinkVolunteer(volunteer.Id, volunteer.Name);
        }
        var place = (await districts.AllAsync(cancellationToken)).FirstOrDefault(d => d.Code == offer.DistrictCode)?.Name ?? offer.DistrictCode;
        var minutes = request.Minutes!.Value;
        var entry = offer.Credit(matchId, minutes, place, staff.UserName, now);
        db.ServiceRecordEntries.Add(entry);
        await ledger.SettleEarnedAsync(entry.VolunteerId, matchId, minutes, $"提供服务：服务{minutes}分钟", "服务时长更正", staff.Actor, now,
            cancellationToken);
        db.Record(staff, "offer.credited", nameof(OfferMatch), matchId.ToString(), $"offer {offer.Id}, {minutes} min", now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new OfferCreditView(matchId, minutes, entry.VolunteerId, entry.Id));
    }

    private static async Task<Ok<OfferPage>> Browse([AsParameters] OfferBrowseQuery query, CurrentVolunteer me, WishDbContext db,
        CancellationToken cancellationToken)
    {
        var (rows, next) = await PageAsync(db, query, cancellationToken);
        var mine = Actor.Volunteer(me.Id);
        var ids = rows.Select(r => r.Id).ToList();
        var requested = await db.OfferMatches().AsNoTracking().Where(m => ids.Contains(m.OfferId) && m.RequestedBy == mine)
            .Select(m => m.OfferId).ToListAsync(cancellationToken);
        return TypedResults.Ok(new OfferPage(rows.Select(o => new OfferView(o.Id, o.What, o.When, o.DistrictCode, o.DisplayName, o.PublishedAt!.Value,
            requested.Contains(o.Id))).ToList(), next));
    }

    private static async Task<Ok<PublicOfferPage>> PublicList([AsParameters] OfferBrowseQuery query, WishDbContext db,
        CancellationToken cancellationToken)
    {
        var (rows, next) = await PageAsync(db, query, cancellationToken);
        return TypedResults.Ok(new PublicOfferPage(rows.Select(o => new PublicOfferView(o.Id, o.What, o.When, o.DistrictCode, o.DisplayName,
            o.PublishedAt!.Value)).ToList(), next));
    }

    private static async Task<Created<OfferMatchView>> RequestOffer(Guid id, OfferRequestRequest request, CurrentVolunteer me, WishDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        // An offer not (or no longer) on the wall is refused by the offer itself (422 offer.not_published).
        var offer = await db.ServiceOffers().Include(o => o.Matches).FirstOrDefaultAsync(o => o.Id == id, cancellationToken)
            ?? throw new NotFoundException(DomainErrorCodes.OfferNotFound, "找不到这项服务。");
        var now = clock.GetUtcNow();
        var match = offer.Request(Actor.Volunteer(me.Id), request.Note, now);
        db.OfferMatches().Add(match);
        db.AuditEntries.Add(AuditEntry.Record(Actor.Volunteer(me.Id), "offer.requested", nameof(ServiceOffer), offer.Id.ToString(),
            $"match {match.Id}", now));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/offers/{id}/requests/{match.Id}", new OfferMatchView(match.Id, offer.Id, match.Note, match.At));
    }

    private static async Task<(List<ServiceOffer> Rows, string? Next)> PageAsync(WishDbContext db, OfferBrowseQuery query,
        CancellationToken cancellationToken)
    {
        var offers = db.ServiceOffers().AsNoTracking().Where(o => o.Status == OfferStatus.Published);
        if (query.DistrictCode is not null) offers = offers.Where(o => o.DistrictCode == query.DistrictCode);
        if (OfferCursor.TryDecode(query.Cursor, out var cursor))
        {
            DateTimeOffset? at = cursor.PublishedAt;
            offers = offers.Where(o => EF.Functions.LessThan(ValueTuple.Create(o.PublishedAt, o.Id), ValueTuple.Create(at, cursor.Id)));
        }
        var limit = query.Limit ?? OfferBrowseQuery.DefaultLimit;
        var rows = await offers.OrderByDescending(o => o.PublishedAt).ThenByDescending(o => o.Id).Take(limit + 1).ToListAsync(cancellationToken);
        if (rows.Count <= limit) return (rows, null);
        rows.RemoveAt(limit);
        var last = rows[^1];
        return (rows, new OfferCursor(last.PublishedAt!.Value, last.Id).Encode());
    }

    /// <summary>The offer a staff action is about: loaded tracked with its matches, and refused (403) outside a coordinator's district.</summary>
    private static async Task<(ServiceOffer Offer, DateTimeOffset Now)> LoadForActionAsync(Guid id, CurrentStaff staff, WishDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var offer = await db.ServiceOffers().Include(o => o.Matches).FirstOrDefaultAsync(o => o.Id == id, cancellationToken)
            ?? throw new NotFoundException(DomainErrorCodes.OfferNotFound, "找不到这项服务。");
        staff.EnsureCanActIn(offer.DistrictCode);
        return (offer, clock.GetUtcNow());
    }

    private static async Task<Dictionary<Guid, string?>> RequesterNamesAsync(WishDbContext db, IEnumerable<OfferMatch> matches,
        CancellationToken cancellationToken)
    {
        var ids = matches.Where(m => m.RequestedBy.Kind == ActorKind.Volunteer).Select(m => Guid.Parse(m.RequestedBy.Id)).Distinct().ToList();
        if (ids.Count == 0) return [];
        return await db.Volunteers.AsNoTracking().Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Name, cancellationToken);
    }

    private static StaffOfferView StaffView(ServiceOffer o, IReadOnlyDictionary<Guid, string?> names) => new(o.Id, o.Status, o.What, o.When,
        o.DistrictCode, o.DisplayName, o.OffererName, o.VolunteerId, o.SubmittedAt, o.PublishedAt, o.RejectReason, o.ClosedAt,
        o.Matches.OrderBy(m => m.At).Select(m => MatchView(m, names)).ToList());

    private static StaffOfferMatchView MatchView(OfferMatch m, IReadOnlyDictionary<Guid, string?> names) => new(m.Id, m.RequestedBy.ToString(),
        m.ResidentName ?? (m.RequestedBy.Kind == ActorKind.Volunteer && Guid.TryParse(m.RequestedBy.Id, out var v) ? names.GetValueOrDefault(v) : null),
        m.Note, m.At, m.CreditedMinutes, m.CreditedAt, m.ResidentName is not null);
}
