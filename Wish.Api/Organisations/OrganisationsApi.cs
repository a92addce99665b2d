using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Api.Staff;
using WeChatWish.Api.Volunteers;
using WeChatWish.Domain;

namespace WeChatWish.Api.Organisations;

/// <summary>
/// Organisations and teams (DESIGN.md §10, API.md "Organisations, entitlements, offers"). Staff set up the tree and appoint
/// leaders (<c>/api/admin/organisations</c>); volunteers browse and apply (<c>/api/organisations</c>); a node's leaders and staff
/// share the routes that act on a subtree: approving members, the member list, the statistics.
/// </summary>
public static class OrganisationsApi
{
    public static IHostApplicationBuilder AddOrganisations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<OrganisationAccess>();
        return builder;
    }

    public static IEndpointRouteBuilder MapOrganisations(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/organisations").WithTags("Staff: organisations").RequireAuthorization(Policies.Staff).WithValidation();
        admin.MapPost("/", Create).WithSummary("Create a node {name, level: center/station/team/group, parentId?, districtCode}")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        admin.MapGet("/", List).WithSummary("?districtCode&parentId&q&page&pageSize → nodes with leaders and membership counts");
        admin.MapGet("/{id:guid}", Get).WithSummary("One node with its leaders and counts").ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/{id:guid}/leaders", AddLeader).WithSummary("Appoint a volunteer leader of the node {volunteerId}; they become an approved member")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapDelete("/{id:guid}/leaders/{volunteerId:guid}", RemoveLeader).WithSummary("The volunteer stays a member without a leader's rights")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        var volunteers = app.MapGroup("/api/organisations").WithTags("Volunteers: organisations").RequireAuthorization(Policies.Volunteer).WithValidation();
        volunteers.MapGet("/", Browse).WithSummary("?districtCode&q&page&pageSize → organisations a volunteer may apply to");
        volunteers.MapPost("/{id:guid}/join", Join).WithSummary("Apply to join: 201 {status: pending}; 409 if already applied or a member")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapGroup("/api/me/organisations").WithTags("Volunteers: organisations").RequireAuthorization(Policies.Volunteer)
            .MapGet("/", Mine).WithSummary("The volunteer's organisations: status and whether they lead it");

        var leaders = app.MapGroup("/api/organisations/{id:guid}").WithTags("Leaders and staff: organisations")
            .RequireAuthorization(Policies.VolunteerOrStaff).WithValidation();
        leaders.MapPost("/members/{volunteerId:guid}/approve", Approve)
            .WithSummary("A leader of the node (or above it), or staff, approves an application")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        leaders.MapPost("/members/{volunteerId:guid}/reject", Reject).WithSummary("A leader or staff turns an application down")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        leaders.MapGet("/members", Members).WithSummary("?status&page&pageSize → the members of the node and every node under it")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        leaders.MapGet("/claims", Claims).WithSummary("?status&page&pageSize → the team claims of the node and every node under it (no contact details)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        leaders.MapGet("/stats", Stats).WithSummary("The node's figures with everything under it")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Created<OrganisationView>> Create(OrganisationRequest request, CurrentStaff staff, WishDbContext db,
        OrganisationAccess access, TimeProvider clock, CancellationToken cancellationToken)
    {
        OrganisationAccess.EnsureCanSetUp(staff, request.DistrictCode!);
        var parent = request.ParentId is { } parentId ? await access.FindAsync(parentId, cancellationToken) : null;
        var now = clock.GetUtcNow();
        var organisation = Organisation.Create(request.Name, ApiEnum.Parse<OrganisationLevel>(request.Level)!.Value, parent, request.DistrictCode,
            staff.Actor, now);
        db.Add(organisation);
        db.Record(staff, "organisation.created", nameof(Organisation), organisation.Id.ToString(),
            $"{ApiEnum.Name(organisation.Level)} under {parent?.Id.ToString() ?? "none"}", now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/admin/organisations/{organisation.Id}", (await ViewsAsync(db, [organisation], cancellationToken))[0]);
    }

    private static async Task<Ok<OrganisationPage>> List([AsParameters] OrganisationListQuery query, CurrentStaff staff, WishDbContext db,
        CancellationToken cancellationToken)
    {
        var district = staff.EffectiveDistrict(query.DistrictCode);
        var nodes = db.Organisations().AsNoTracking();
        if (district is not null) nodes = nodes.Where(o => o.DistrictCode == district);
        if (query.ParentId is { } parentId) nodes = nodes.Where(o => o.ParentId == parentId);
        if (query.Q?.Trim() is { Length: > 0 } q) nodes = nodes.Where(o => o.Name.Contains(q));
        var page = query.Page ?? 1;
        var size = query.PageSize ?? OrganisationListQuery.DefaultPageSize;
        var total = await nodes.CountAsync(cancellationToken);
        // Path order lists a parent before its children, so a page reads as the tree.
        var rows = await nodes.OrderBy(o => o.Path).Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new OrganisationPage(await ViewsAsync(db, rows, cancellationToken), total, page, size));
    }

    private static async Task<Ok<OrganisationView>> Get(Guid id, CurrentStaff staff, WishDbContext db, OrganisationAccess access,
        CancellationToken cancellationToken)
    {
        var organisation = await access.FindAsync(id, cancellationToken);
        staff.EnsureCanActIn(organisation.DistrictCode);
        return TypedResults.Ok((await ViewsAsync(db, [organisation], cancellationToken))[0]);
    }

    private static async Task<Ok<OrganisationView>> AddLeader(Guid id, LeaderRequest request, CurrentStaff staff, WishDbContext db,
        OrganisationAccess access, TimeProvider clock, CancellationToken cancellationToken)
    {
        var organisation = await access.FindAsync(id, cancellationToken);
        OrganisationAccess.EnsureCanSetUp(staff, organisation.DistrictCode);
        var volunteerId = request.VolunteerId!.Value;
        if (!await db.Volunteers.AnyAsync(v => v.Id == volunteerId, cancellationToken)) throw DomainErrors.VolunteerNotFound();
        var now = clock.GetUtcNow();
        var membership = await db.OrganisationMemberships().FirstOrDefaultAsync(m => m.OrganisationId == id && m.VolunteerId == volunteerId, cancellationToken);
        if (membership is null)
        {
            membership = OrganisationMembership.Apply(id, volunteerId, now);
            db.Add(membership);
        }
        membership.MakeLeader(staff.Actor, now);
        db.Record(staff, "organisation.leader_appointed", nameof(Organisation), id.ToString(), volunteerId.ToString(), now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await ViewsAsync(db, [organisation], cancellationToken))[0]);
    }

    private static async Task<Ok<OrganisationView>> RemoveLeader(Guid id, Guid volunteerId, CurrentStaff staff, WishDbContext db,
        OrganisationAccess access, TimeProvider clock, CancellationToken cancellationToken)
    {
        var organisation = await access.FindAsync(id, cancellationToken);
        OrganisationAccess.EnsureCanSetUp(staff, organisation.DistrictCode);
        var membership = await db.OrganisationMemberships().FirstOrDefaultAsync(m => m.OrganisationId == id && m.VolunteerId == volunteerId
            && m.IsLeader, cancellationToken) ?? throw MemberNotFound();
        membership.StepDown();
        db.Record(staff, "organisation.leader_removed", nameof(Organisation), id.ToString(), volunteerId.ToString(), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await ViewsAsync(db, [organisation], cancellationToken))[0]);
    }

    private static async Task<Ok<PublicOrganisationPage>> Browse([AsParameters] OrganisationListQuery query, WishDbContext db,
        CancellationToken cancellationToken)
    {
        var nodes = db.Organisations().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.DistrictCode)) nodes = nodes.Where(o => o.DistrictCode == query.DistrictCode);
        if (query.ParentId is { } parentId) nodes = nodes.Where(o => o.ParentId == parentId);
        if (query.Q?.Trim() is { Length: > 0 } q) nodes = nodes.Where(o => o.Name.Contains(q));
        var page = query.Page ?? 1;
        var size = query.PageSize ?? OrganisationListQuery.DefaultPageSize;
        var total = await nodes.CountAsync(cancellationToken);
        var items = await nodes.OrderBy(o => o.Path).Skip((page - 1) * size).Take(size)
            .Select(o => new PublicOrganisationView(o.Id, o.Name, o.Level, o.ParentId, o.DistrictCode)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PublicOrganisationPage(items, total, page, size));
    }

    private static async Task<Created<MembershipView>> Join(Guid id, CurrentVolunteer volunteer, WishDbContext db, OrganisationAccess access,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        await access.FindAsync(id, cancellationToken);
        var now = clock.GetUtcNow();
        var membership = await db.OrganisationMemberships().FirstOrDefaultAsync(m => m.OrganisationId == id && m.VolunteerId == volunteer.Id, cancellationToken);
        if (membership is null)
        {
            membership = OrganisationMembership.Apply(id, volunteer.Id, now);
            db.Add(membership);
        }
        else
        {
            membership.Reapply(now);
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/me/organisations", View(membership));
    }

    private static async Task<Ok<List<MyOrganisationView>>> Mine(CurrentVolunteer volunteer, WishDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await (from m in db.OrganisationMemberships().AsNoTracking()
                               join o in db.Organisations().AsNoTracking() on m.OrganisationId equals o.Id
                               where m.VolunteerId == volunteer.Id
                               orderby o.Path
                               select new MyOrganisationView(o.Id, o.Name, o.Level, o.DistrictCode, m.Status, m.IsLeader, m.AppliedAt))
            .ToListAsync(cancellationToken));

    private static Task<Ok<MembershipView>> Approve(Guid id, Guid volunteerId, OrganisationCaller caller, WishDbContext db, OrganisationAccess access,
        TimeProvider clock, CancellationToken cancellationToken) =>
        DecideAsync(id, volunteerId, caller, db, access, clock, approve: true, cancellationToken);

    private static Task<Ok<MembershipView>> Reject(Guid id, Guid volunteerId, OrganisationCaller caller, WishDbContext db, OrganisationAccess access,
        TimeProvider clock, CancellationToken cancellationToken) =>
        DecideAsync(id, volunteerId, caller, db, access, clock, approve: false, cancellationToken);

    private static async Task<Ok<MembershipView>> DecideAsync(Guid id, Guid volunteerId, OrganisationCaller caller, WishDbContext db,
        OrganisationAccess access, TimeProvider clock, bool approve, CancellationToken cancellationToken)
    {
        var organisation = await access.FindAsync(id, cancellationToken);
        await access.EnsureCanLeadAsync(caller, organisation, cancellationToken);
        var membership = await db.OrganisationMemberships().FirstOrDefaultAsync(m => m.OrganisationId == id && m.VolunteerId == volunteerId, cancellationToken)
            ?? throw MemberNotFound();
        var now = clock.GetUtcNow();
        if (approve) membership.Approve(caller.Actor, now);
        else membership.Reject(caller.Actor, now);
        db.AuditEntries.Add(AuditEntry.Record(caller.Actor, approve ? "organisation.member_approved" : "organisation.member_rejected",
            nameof(Organisation), id.ToString(), volunteerId.ToString(), now));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(View(membership));
    }

    private static async Task<Ok<MemberPage>> Members(Guid id, [AsParameters] MemberListQuery query, OrganisationCaller caller, WishDbContext db,
        OrganisationAccess access, CancellationToken cancellationToken)
    {
        var organisation = await access.FindAsync(id, cancellationToken);
        await access.EnsureCanLeadAsync(caller, organisation, cancellationToken);
        var status = ApiEnum.Parse<MembershipStatus>(query.Status);
        // Here the join on the path measured faster than = ANY(ids) (p99 95 against 213 ms, bench/organisations.sh): the page
        // needs the node's name anyway. The volunteers are read for the page only: counting and sorting need the memberships alone
        // (a membership's volunteer always exists), and joining a team's 1,258 volunteers before the sort cost 5,000 buffer reads.
        var rows = from m in db.OrganisationMemberships().AsNoTracking()
                   join o in db.Organisations().AsNoTracking() on m.OrganisationId equals o.Id
                   where o.Path.StartsWith(organisation.Path) && (status == null || m.Status == status)
                   select new { m, o };
        var page = query.Page ?? 1;
        var size = query.PageSize ?? MemberListQuery.DefaultPageSize;
        var total = await rows.CountAsync(cancellationToken);
        // Applications waiting come first (a leader's work), then members by the order they applied.
        var pageRows = rows.OrderBy(r => r.m.Status == MembershipStatus.Pending ? 0 : 1).ThenByDescending(r => r.m.AppliedAt)
            .ThenBy(r => r.m.VolunteerId).ThenBy(r => r.o.Id)
            .Skip((page - 1) * size).Take(size);
        var found = await (from r in pageRows
                           join v in db.Volunteers.AsNoTracking() on r.m.VolunteerId equals v.Id
                           select new MemberView(v.Id, v.Name, v.Phone, v.DistrictCode, r.o.Id, r.o.Name, r.m.Status, r.m.IsLeader, r.m.AppliedAt))
            .ToListAsync(cancellationToken);
        // The join keeps the page's rows but not necessarily their order.
        var items = found.OrderBy(i => i.Status == MembershipStatus.Pending ? 0 : 1).ThenByDescending(i => i.AppliedAt).ThenBy(i => i.VolunteerId)
            .ThenBy(i => i.OrganisationId).ToList();
        return TypedResults.Ok(new MemberPage(items, total, page, size));
    }

    private static async Task<Ok<TeamClaimPage>> Claims(Guid id, [AsParameters] TeamClaimQuery query, OrganisationCaller caller, WishDbContext db,
        OrganisationAccess access, CancellationToken cancellationToken)
    {
        var organisation = await access.FindAsync(id, cancellationToken);
        await access.EnsureCanLeadAsync(caller, organisation, cancellationToken);
        var status = ApiEnum.Parse<ClaimStatus>(query.Status);
        var rows = from c in db.Claims.AsNoTracking()
                   join o in db.Organisations().AsNoTracking() on c.OrganisationId equals o.Id
                   join w in db.Wishes.AsNoTracking() on c.WishId equals w.Id
                   join v in db.Volunteers.AsNoTracking() on c.VolunteerId equals v.Id
                   where o.Path.StartsWith(organisation.Path) && (status == null || c.Status == status)
                   select new { c, o, w, v };
        var page = query.Page ?? 1;
        var size = query.PageSize ?? TeamClaimQuery.DefaultPageSize;
        var total = await rows.CountAsync(cancellationToken);
        // A wish's code and district, never its content or the beneficiary: the list is the team's workload, read by every leader above.
        var items = await rows.OrderBy(r => r.c.Status == ClaimStatus.Active ? 0 : 1).ThenByDescending(r => r.c.ClaimedAt).ThenBy(r => r.c.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(r => new TeamClaimView(r.c.Id, r.w.Id, r.w.Code, r.w.DistrictCode, r.c.Status, r.o.Id, r.o.Name, r.v.Id, r.v.Name,
                db.ClaimMembers.Count(m => m.ClaimId == r.c.Id), r.c.ClaimedAt, r.c.DueAt, r.c.EndedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new TeamClaimPage(items, total, page, size));
    }

    private static async Task<Ok<OrganisationStats>> Stats(Guid id, OrganisationCaller caller, WishDbContext db, OrganisationAccess access,
        CancellationToken cancellationToken)
    {
        var organisation = await access.FindAsync(id, cancellationToken);
        await access.EnsureCanLeadAsync(caller, organisation, cancellationToken);
        var nodeIds = await SubtreeIdsAsync(db, organisation, cancellationToken);
        // The node's own rows of the kept subtree view (a volunteer once however many of its nodes they belong to), not every
        // member's passbook and claims: a station of 12,000 members is one index range.
        var counts = await db.OrganisationSubtreeMembers.AsNoTracking().Where(s => s.OrganisationId == id).GroupBy(s => s.OrganisationId)
            .Select(g => new
            {
                Members = g.Count(s => s.Approved > 0),
                Pending = g.Sum(s => s.Pending),
                Leaders = g.Count(s => s.Leaderships > 0),
                Minutes = g.Sum(s => s.Approved > 0 ? s.FinalMinutes : 0),
                Active = g.Sum(s => s.Approved > 0 ? s.ActiveClaims : 0),
                Fulfilled = g.Sum(s => s.Approved > 0 ? s.FulfilledClaims : 0),
            })
            .FirstOrDefaultAsync(cancellationToken);
        var stats = new OrganisationStats(
            id,
            nodeIds.Count,
            counts?.Members ?? 0,
            counts?.Pending ?? 0,
            counts?.Leaders ?? 0,
            (int)(counts?.Minutes ?? 0),
            counts?.Active ?? 0,
            counts?.Fulfilled ?? 0,
            await db.Activities.AsNoTracking().CountAsync(a => a.OrganisationId != null && nodeIds.Contains(a.OrganisationId.Value), cancellationToken));
        return TypedResults.Ok(stats);
    }

    /// <summary>
    /// The ids of the node and everything under it (a station has tens, a center a thousand or so): memberships are then read by
    /// their key's first column, = ANY(ids), where a join on the path let the planner scan every membership of the city.
    /// </summary>
    private static Task<List<Guid>> SubtreeIdsAsync(WishDbContext db, Organisation organisation, CancellationToken cancellationToken) =>
        db.Organisations().AsNoTracking().Where(o => o.Path.StartsWith(organisation.Path)).Select(o => o.Id).ToListAsync(cancellationToken);

    private static async Task<List<OrganisationView>> ViewsAsync(WishDbContext db, IReadOnlyList<Organisation> nodes, CancellationToken cancellationToken)
    {
        var ids = nodes.Select(n => n.Id).ToList();
        var counts = await db.OrganisationMemberships().AsNoTracking().Where(m => ids.Contains(m.OrganisationId))
            .GroupBy(m => m.OrganisationId)
            .Select(g => new
            {
                Id = g.Key,
                Members = g.Count(m => m.Status == MembershipStatus.Approved),
                Pending = g.Count(m => m.Status == MembershipStatus.Pending),
            })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var children = await db.Organisations().AsNoTracking().Where(o => o.ParentId != null && ids.Contains(o.ParentId.Value))
            .GroupBy(o => o.ParentId!.Value).Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(c => c.Id, c => c.Count, cancellationToken);
        var leaders = await (from m in db.OrganisationMemberships().AsNoTracking()
                             join v in db.Volunteers.AsNoTracking() on m.VolunteerId equals v.Id
                             where ids.Contains(m.OrganisationId) && m.IsLeader
                             orderby v.Name
                             select new { m.OrganisationId, View = new LeaderView(v.Id, v.Name) }).ToListAsync(cancellationToken);
        return nodes.Select(n => new OrganisationView(n.Id, n.Name, n.Level, n.ParentId, n.DistrictCode,
            counts.GetValueOrDefault(n.Id)?.Members ?? 0, counts.GetValueOrDefault(n.Id)?.Pending ?? 0, children.GetValueOrDefault(n.Id),
            leaders.Where(l => l.OrganisationId == n.Id).Select(l => l.View).ToList(), n.CreatedAt)).ToList();
    }

    private static MembershipView View(OrganisationMembership m) => new(m.OrganisationId, m.VolunteerId, m.Status, m.IsLeader, m.AppliedAt, m.DecidedAt);

    private static NotFoundException MemberNotFound() => new(DomainErrorCodes.OrganisationMemberNotFound, "这位志愿者没有申请加入这个组织。");
}
