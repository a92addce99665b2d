using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Claims;
using WeChatWish.Api.Data;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Api.Organisations;
using WeChatWish.Api.Staff;
using WeChatWish.Api.Projects;
using WeChatWish.Domain;

namespace WeChatWish.Api.Pairings;

/// <summary>
/// 结对帮扶 and 接力 (DESIGN.md §10). Staff set pairings up, hand them on, end them and record visits (<c>/api/admin/pairings</c>),
/// a coordinator within their district; holders see theirs and record visits (<c>/api/me/pairings</c>, see
/// <see cref="VolunteerPairingsApi"/>); leaders read their subtree's (<c>/api/organisations/{id}/pairings</c>); a background pass
/// reminds holders of overdue visits (<see cref="PairingReminderSweeper"/>).
/// </summary>
public static class PairingsApi
{
    public static IHostApplicationBuilder AddPairings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<PairingService>();
        builder.Services.AddOptions<PairingJobsOptions>().BindConfiguration(PairingJobsOptions.SectionName);
        builder.Services.AddSingleton<PairingReminderSweeper>();
        builder.Services.AddHostedService<PairingJobsService>();
        return builder;
    }

    public static IEndpointRouteBuilder MapPairings(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/pairings").WithTags("Staff: pairings").RequireAuthorization(Policies.Staff).WithValidation();
        admin.MapPost("/", Create)
            .WithSummary("Pair a volunteer or a team with a beneficiary {beneficiaryId or wishCode, volunteerId or organisationId, startsOn, endsOn?, everyDays, content?, projectId?}")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        admin.MapGet("/", List).WithSummary("?status=active|ended&districtCode&overdue&page&pageSize → overdue first, then by next due date");
        admin.MapGet("/overdue", Overdue).WithSummary("?districtCode&page&pageSize → active pairings whose next visit is past due (China time)");
        admin.MapGet("/{id:guid}", Get).WithSummary("One pairing with the beneficiary's contact, its visits and its hand-ons")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/{id:guid}/handover", HandOn).WithSummary("接力: {volunteerId or organisationId, reason}; visits stay with whoever made them")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        admin.MapPost("/{id:guid}/end", End).WithSummary("End the pairing {reason?}; the holder no longer sees the contact")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/{id:guid}/visits", RecordVisit)
            .WithSummary("Record a visit on a volunteer's behalf {volunteerId?, at?, minutes, content}: a final passbook line, the staff member as witness")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        admin.MapPost("/{id:guid}/visits/{visitId:guid}/confirm", ConfirmVisit)
            .WithSummary("Make a visit its volunteer recorded alone final: the staff member as witness, points by the rule; again changes nothing")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app.MapVolunteerPairings();
    }

    private static async Task<Created<PairingDetail>> Create(PairingRequest request, CurrentStaff staff, WishDbContext db, PairingService pairings,
        ProjectAccess projects, WishRules rules, TimeProvider clock, CancellationToken cancellationToken)
    {
        var beneficiaryId = request.BeneficiaryId
            ?? await db.Wishes.Where(w => w.Code == request.WishCode!.Trim()).Select(w => (Guid?)w.BeneficiaryId).FirstOrDefaultAsync(cancellationToken)
            ?? throw DomainErrors.WishNotFound();
        var beneficiary = await db.Beneficiaries.FirstOrDefaultAsync(b => b.Id == beneficiaryId, cancellationToken)
            ?? throw new NotFoundException(DomainErrorCodes.PairingNotFound, "找不到这位受助人。");
        staff.EnsureCanActIn(beneficiary.DistrictCode);
        var holder = await HolderAsync(db, request.VolunteerId, request.OrganisationId, cancellationToken);
        var now = clock.GetUtcNow();
        if (request.ProjectId is { } projectId)
        {
            var project = await projects.LoadAsync(projectId, staff, cancellationToken, tracked: true, withRoster: true);
            project.TakePairing(beneficiary, staff.Actor, now);
        }
        var pairing = Pairing.Create(beneficiary, holder, request.StartsOn!.Value, request.EndsOn, request.EveryDays!.Value, request.Content,
            request.ProjectId, staff.Actor, now, rules.UtcOffset);
        db.Pairings().Add(pairing);
        db.Record(staff, "pairing.created", nameof(Pairing), pairing.Id.ToString(),
            $"beneficiary {beneficiary.Id}, {(holder.VolunteerId is { } v ? "volunteer " + v : "organisation " + holder.OrganisationId)}", now);
        // One transaction: the detail is read back from the saved pairing and its contact view is audited, and a failure there
        // must not leave a pairing (and a roster line) that nobody saw created.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var detail = await DetailAsync(db, pairings, pairing, staff, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/admin/pairings/{pairing.Id}", detail);
    }

    private static async Task<Ok<PairingPage>> List([AsParameters] PairingListQuery query, CurrentStaff staff, WishDbContext db,
        PairingService pairings, CancellationToken cancellationToken)
    {
        var district = staff.EffectiveDistrict(query.DistrictCode);
        var today = pairings.Today();
        var rows = db.Pairings().AsNoTracking();
        if (district is not null) rows = rows.Where(p => p.DistrictCode == district);
        if (ApiEnum.Parse<PairingStatus>(query.Status) is { } status) rows = rows.Where(p => p.Status == status);
        if (query.Overdue == true) rows = PairingService.OverdueOn(rows, today);
        return TypedResults.Ok(await PageAsync(rows, query.Page, query.PageSize, pairings, today, cancellationToken));
    }

    private static Task<Ok<PairingPage>> Overdue([AsParameters] PairingListQuery query, CurrentStaff staff, WishDbContext db,
        PairingService pairings, CancellationToken cancellationToken) =>
        List(query with { Status = null, Overdue = true }, staff, db, pairings, cancellationToken);

    public static async Task<PairingPage> PageAsync(IQueryable<Pairing> rows, int? page, int? pageSize, PairingService pairings, DateOnly today,
        CancellationToken cancellationToken)
    {
        var p = page ?? 1;
        var size = pageSize ?? PairingListQuery.DefaultPageSize;
        var total = await rows.CountAsync(cancellationToken);
        var items = await pairings.ViewsAsync(PairingService.InWorkOrder(rows, today).Skip((p - 1) * size).Take(size), cancellationToken);
        return new PairingPage(items, total, p, size);
    }

    private static async Task<Ok<PairingDetail>> Get(Guid id, CurrentStaff staff, WishDbContext db, PairingService pairings,
        CancellationToken cancellationToken)
    {
        var pairing = await db.Pairings().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw PairingService.NotFound();
        staff.EnsureCanActIn(pairing.DistrictCode);
        var detail = await DetailAsync(db, pairings, pairing, staff, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(detail);
    }

    private static async Task<Ok<PairingDetail>> HandOn(Guid id, HandOnRequest request, CurrentStaff staff, WishDbContext db, PairingService pairings,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var pairing = await pairings.LockAsync(id, cancellationToken);
        staff.EnsureCanActIn(pairing.DistrictCode);
        var to = await HolderAsync(db, request.VolunteerId, request.OrganisationId, cancellationToken);
        var now = clock.GetUtcNow();
        var handover = pairing.HandOn(to, request.Reason, staff.Actor, now);
        db.PairingHandovers().Add(handover);
        db.Record(staff, "pairing.handed_on", nameof(Pairing), pairing.Id.ToString(), $"handover {handover.Id}", now);
        await db.SaveChangesAsync(cancellationToken);
        var detail = await DetailAsync(db, pairings, pairing, staff, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(detail);
    }

    private static async Task<Ok<PairingDetail>> End(Guid id, EndPairingRequest request, CurrentStaff staff, WishDbContext db, PairingService pairings,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var pairing = await pairings.LockAsync(id, cancellationToken);
        staff.EnsureCanActIn(pairing.DistrictCode);
        var now = clock.GetUtcNow();
        pairing.End(request.Reason, now);
        db.Record(staff, "pairing.ended", nameof(Pairing), pairing.Id.ToString(), null, now);
        await db.SaveChangesAsync(cancellationToken);
        var detail = await DetailAsync(db, pairings, pairing, staff, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(detail);
    }

    private static async Task<Created<PairingVisitView>> RecordVisit(Guid id, VisitRequest request, CurrentStaff staff, WishDbContext db,
        PairingService pairings, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var pairing = await pairings.LockAsync(id, cancellationToken);
        staff.EnsureCanActIn(pairing.DistrictCode);
        var visitorId = request.VolunteerId ?? pairing.VolunteerId
            ?? throw new DomainValidationException(DomainErrorCodes.Required, "volunteerId", "服务队结对请注明是哪位队员走访的。");
        var visit = await pairings.RecordVisitAsync(pairing, visitorId, request, staff.UserName, staff.Actor, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var name = await db.Volunteers.Where(v => v.Id == visitorId).Select(v => v.Name).FirstOrDefaultAsync(cancellationToken);
        return TypedResults.Created($"/api/admin/pairings/{id}",
            new PairingVisitView(visit.Id, visit.At, visit.Minutes, visit.Content, visitorId, name, visit.RecordedBy.ToString(), true));
    }

    private static async Task<Ok<PairingVisitView>> ConfirmVisit(Guid id, Guid visitId, CurrentStaff staff, WishDbContext db,
        PairingService pairings, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var pairing = await pairings.LockAsync(id, cancellationToken);
        staff.EnsureCanActIn(pairing.DistrictCode);
        var visit = await pairings.ConfirmVisitAsync(pairing, visitId, staff.UserName, staff.Actor, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var name = await db.Volunteers.Where(v => v.Id == visit.VolunteerId).Select(v => v.Name).FirstOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(new PairingVisitView(visit.Id, visit.At, visit.Minutes, visit.Content, visit.VolunteerId, name, visit.RecordedBy.ToString(), true));
    }

    private static async Task<PairingHolder> HolderAsync(WishDbContext db, Guid? volunteerId, Guid? organisationId, CancellationToken cancellationToken)
    {
        if (volunteerId is { } v)
        {
            if (!await db.Volunteers.AnyAsync(x => x.Id == v, cancellationToken)) throw DomainErrors.VolunteerNotFound();
            return PairingHolder.Volunteer(v);
        }
        if (organisationId is { } o && await db.Organisations().AnyAsync(x => x.Id == o, cancellationToken)) return PairingHolder.Team(o);
        throw DomainErrors.OrganisationNotFound();
    }

    /// <summary>The staff view of one pairing; showing the contact leaves a beneficiary.viewed audit line in the caller's unit of work.</summary>
    private static async Task<PairingDetail> DetailAsync(WishDbContext db, PairingService pairings, Pairing pairing, CurrentStaff staff,
        CancellationToken cancellationToken)
    {
        var view = (await pairings.ViewsAsync(db.Pairings().AsNoTracking().Where(p => p.Id == pairing.Id), cancellationToken)).Single();
        var beneficiary = await db.Beneficiaries.AsNoTracking().FirstAsync(b => b.Id == pairing.BeneficiaryId, cancellationToken);
        var visits = await (from x in db.PairingVisits().AsNoTracking()
                            join v in db.Volunteers.AsNoTracking() on x.VolunteerId equals v.Id
                            join e in db.ServiceRecordEntries.AsNoTracking() on x.ServiceRecordEntryId equals e.Id into es
                            from e in es.DefaultIfEmpty()
                            where x.PairingId == pairing.Id
                            orderby x.At descending
                            select new { x, v.Name, Final = e != null && e.IsFinal }).ToListAsync(cancellationToken);
        var handovers = await db.PairingHandovers().AsNoTracking().Where(h => h.PairingId == pairing.Id).OrderBy(h => h.At).ToListAsync(cancellationToken);
        var ids = handovers.SelectMany(h => new[] { h.FromVolunteerId, h.ToVolunteerId }).OfType<Guid>().Distinct().ToList();
        var names = await db.Volunteers.AsNoTracking().Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Name, cancellationToken);
        var orgIds = handovers.SelectMany(h => new[] { h.FromOrganisationId, h.ToOrganisationId }).OfType<Guid>().Distinct().ToList();
        var orgs = await db.Organisations().AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        string? Named(Guid? volunteer, Guid? organisation) =>
            volunteer is { } v ? names.GetValueOrDefault(v) : organisation is { } o ? orgs.GetValueOrDefault(o) : null;
        if (!beneficiary.IsErased)
            db.Record(staff, StaffAudit.BeneficiaryViewed, nameof(Beneficiary), beneficiary.Id.ToString(), $"pairing {pairing.Id}", pairings.Now);
        return new PairingDetail(view,
            beneficiary.IsErased ? null : new BeneficiaryContact(beneficiary.Name, beneficiary.Phone, beneficiary.Address),
            visits.Select(r => new PairingVisitView(r.x.Id, r.x.At, r.x.Minutes, r.x.Content, r.x.VolunteerId, r.Name, r.x.RecordedBy.ToString(), r.Final)).ToList(),
            handovers.Select(h => new PairingHandoverView(h.Id, h.At, h.FromVolunteerId, Named(h.FromVolunteerId, h.FromOrganisationId), h.ToVolunteerId,
                Named(h.ToVolunteerId, h.ToOrganisationId), h.FromOrganisationId, h.ToOrganisationId, h.By.ToString(), h.Reason)).ToList());
    }
}
