using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Claims;
using WeChatWish.Api.Data;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Api.Organisations;
using WeChatWish.Api.Staff;
using WeChatWish.Api.Volunteers;
using WeChatWish.Domain;

namespace WeChatWish.Api.Pairings;

/// <summary>
/// The holder's side of a pairing: a volunteer's own and their teams' (an approved member of the holding node or a node under it),
/// and a leader's view of the subtree's. A pairing handed on, or not the caller's, is 404: it is no longer theirs to know of.
/// </summary>
public static class VolunteerPairingsApi
{
    public static IEndpointRouteBuilder MapVolunteerPairings(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me/pairings").WithTags("Volunteers: pairings").RequireAuthorization(Policies.Volunteer).WithValidation();
        me.MapGet("/", Mine).WithSummary("My pairings and my teams': beneficiary masked, contact while active and ours, next visit due");
        me.MapGet("/{id:guid}", One).WithSummary("One of my pairings with its visits").ProducesProblem(StatusCodes.Status404NotFound);
        me.MapPost("/{id:guid}/visits", Visit)
            .WithSummary("Record a visit {at?, minutes, content, volunteerId?}: a leader may record a member's (final, the leader as witness); "
                + "a visitor recording their own gets a provisional passbook line")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        app.MapGroup("/api/organisations/{id:guid}").WithTags("Leaders and staff: organisations").RequireAuthorization(Policies.VolunteerOrStaff)
            .WithValidation()
            .MapGet("/pairings", Subtree).WithSummary("?status&overdue&page&pageSize → the pairings held by the node and every node under it (no contact details)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>The pairings the volunteer holds or whose holding team they are an approved member of.</summary>
    private static IQueryable<Pairing> Held(WishDbContext db, Guid volunteerId) =>
        db.Pairings().AsNoTracking().Where(p => p.VolunteerId == volunteerId
            || (p.OrganisationId != null && db.Organisations().Any(team => team.Id == p.OrganisationId
                && db.OrganisationMemberships().Any(m => m.VolunteerId == volunteerId && m.Status == MembershipStatus.Approved
                    && db.Organisations().Any(node => node.Id == m.OrganisationId && node.Path.StartsWith(team.Path))))));

    private static async Task<Ok<MyPairingList>> Mine(CurrentVolunteer me, WishDbContext db, PairingService pairings, CancellationToken cancellationToken)
    {
        var today = pairings.Today();
        var rows = await PairingService.InWorkOrder(Held(db, me.Id), today).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(new MyPairingList(await ViewsAsync(db, rows, me.Id, today, cancellationToken)));
    }

    private static async Task<Ok<MyPairingView>> One(Guid id, CurrentVolunteer me, WishDbContext db, PairingService pairings,
        CancellationToken cancellationToken)
    {
        var pairing = await Held(db, me.Id).FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw PairingService.NotFound();
        return TypedResults.Ok((await ViewsAsync(db, [pairing], me.Id, pairings.Today(), cancellationToken))[0]);
    }

    private static async Task<Created<MyVisitView>> Visit(Guid id, VisitRequest request, CurrentVolunteer me, WishDbContext db, PairingService pairings,
        OrganisationAccess access, CancellationToken cancellationToken)
    {
        var volunteer = await me.LoadAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var pairing = await pairings.LockAsync(id, cancellationToken);
        var leads = await pairings.LeadsHolderAsync(pairing, me.Id, access, cancellationToken);
        if (!leads && pairing.VolunteerId != me.Id && !await pairings.IsTeamMemberAsync(pairing, me.Id, cancellationToken))
            throw PairingService.NotFound();
        var visitorId = request.VolunteerId ?? me.Id;
        if (visitorId != me.Id && !leads)
            throw new ForbiddenException(DomainErrorCodes.PairingNotHolder, "只有服务队负责人可以替队员记录走访。");
        // A leader vouches for the visit; a visitor alone leaves a line staff (or the leader) confirm later.
        var witness = leads ? volunteer.Name ?? "服务队负责人" : null;
        var visit = await pairings.RecordVisitAsync(pairing, visitorId, request, witness, Actor.Volunteer(me.Id), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/me/pairings/{id}", new MyVisitView(visit.Id, visit.At, visit.Minutes, visit.Content, visitorId == me.Id, witness is not null));
    }

    private static async Task<Ok<PairingPage>> Subtree(Guid id, [AsParameters] PairingListQuery query, OrganisationCaller caller, WishDbContext db,
        OrganisationAccess access, PairingService pairings, CancellationToken cancellationToken)
    {
        var organisation = await access.FindAsync(id, cancellationToken);
        await access.EnsureCanLeadAsync(caller, organisation, cancellationToken);
        var today = pairings.Today();
        var rows = db.Pairings().AsNoTracking().Where(p => p.OrganisationId != null
            && db.Organisations().Any(o => o.Id == p.OrganisationId && o.Path.StartsWith(organisation.Path)));
        if (ApiEnum.Parse<PairingStatus>(query.Status) is { } status) rows = rows.Where(p => p.Status == status);
        if (query.Overdue == true) rows = PairingService.OverdueOn(rows, today);
        return TypedResults.Ok(await PairingsApi.PageAsync(rows, query.Page, query.PageSize, pairings, today, cancellationToken));
    }

    /// <summary>The contact only while the pairing is active (every row here is held by the caller or their team).</summary>
    private static async Task<List<MyPairingView>> ViewsAsync(WishDbContext db, IReadOnlyList<Pairing> rows, Guid me, DateOnly today,
        CancellationToken cancellationToken)
    {
        var ids = rows.Select(p => p.Id).ToList();
        var beneficiaryIds = rows.Select(p => p.BeneficiaryId).Distinct().ToList();
        var beneficiaries = await db.Beneficiaries.AsNoTracking().Where(b => beneficiaryIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, cancellationToken);
        var teamIds = rows.Select(p => p.OrganisationId).OfType<Guid>().Distinct().ToList();
        var teams = await db.Organisations().AsNoTracking().Where(o => teamIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var visits = await (from x in db.PairingVisits().AsNoTracking()
                            join e in db.ServiceRecordEntries.AsNoTracking() on x.ServiceRecordEntryId equals e.Id into es
                            from e in es.DefaultIfEmpty()
                            where ids.Contains(x.PairingId)
                            orderby x.At descending
                            select new { x, Final = e != null && e.IsFinal }).ToListAsync(cancellationToken);
        return rows.Select(p =>
        {
            var b = beneficiaries[p.BeneficiaryId];
            var contact = p.IsActive && !b.IsErased ? new BeneficiaryContact(b.Name, b.Phone, b.Address) : null;
            return new MyPairingView(p.Id, p.Status, b.MaskedName, p.DistrictCode, contact, p.OrganisationId,
                p.OrganisationId is { } t ? teams.GetValueOrDefault(t) : null, p.Content, p.StartsOn, p.EndsOn, p.EveryDays, p.LastVisitOn, p.NextDueOn,
                p.IsOverdue(today),
                visits.Where(v => v.x.PairingId == p.Id).Select(v => new MyVisitView(v.x.Id, v.x.At, v.x.Minutes, v.x.Content, v.x.VolunteerId == me, v.Final))
                    .ToList());
        }).ToList();
    }
}
