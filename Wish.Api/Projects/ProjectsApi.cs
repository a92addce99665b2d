using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Api.Organisations;
using WeChatWish.Api.Staff;
using WeChatWish.Domain;

namespace WeChatWish.Api.Projects;

/// <summary>
/// The project library (项目库, DESIGN.md §10). Staff propose, approve, start and close projects and keep their rosters
/// (<c>/api/admin/projects</c>); a team's leaders, and leaders above it, read their subtree's projects and propose one for a
/// team they lead (<c>/api/organisations/{id}/projects</c>). Activities join a project when they are created.
/// </summary>
public static class ProjectsApi
{
    public static IHostApplicationBuilder AddProjects(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ProjectAccess>();
        return builder;
    }

    public static IEndpointRouteBuilder MapProjects(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/projects").WithTags("Staff: projects").RequireAuthorization(Policies.Staff).WithValidation();
        admin.MapPost("/", Create)
            .WithSummary("Propose a project {name, need, organisationId, frequency: once/daily/weekly/fortnightly/monthly/other, frequencyNote?, place, content, districtCode}")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapGet("/", List).WithSummary("?status&districtCode&organisationId&q&page&pageSize → {items, total, page, pageSize}, newest first");
        admin.MapGet("/{id:guid}", Get).WithSummary("One project with its lifecycle, evaluation and activities")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/{id:guid}/approve", Approve).WithSummary("proposed → approved").ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/{id:guid}/start", Start).WithSummary("approved → running").ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/{id:guid}/close", Close).WithSummary("running → closed {evaluation, rating: 1..5}; 422 project.evaluation_required without them")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        admin.MapGet("/{id:guid}/roster", Roster).WithSummary("?includeRemoved → the beneficiaries served, masked as in every staff list");
        admin.MapPost("/{id:guid}/roster", AddToRoster).WithSummary("Add a beneficiary {beneficiaryId} or the beneficiary of a wish {wishCode}")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        admin.MapDelete("/{id:guid}/roster/{beneficiaryId:guid}", RemoveFromRoster).WithSummary("Take a beneficiary off the roster (the entry is kept)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        var leaders = app.MapGroup("/api/organisations/{id:guid}/projects").WithTags("Leaders and staff: organisations")
            .RequireAuthorization(Policies.VolunteerOrStaff).WithValidation();
        leaders.MapGet("/", TeamProjects).WithSummary("?status&page&pageSize → the projects of the node and every node under it")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        leaders.MapGet("/{projectId:guid}", TeamProject).WithSummary("One project of the node's subtree with its lifecycle and activities")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        leaders.MapGet("/{projectId:guid}/roster", TeamRoster)
            .WithSummary("The project's beneficiaries now, for its team's leaders: masked name and district only (no phone, no address)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        leaders.MapPost("/", Propose).WithSummary("A leader proposes a project for the node {name, need, frequency, frequencyNote?, place, content, districtCode?}")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Created<ProjectView>> Create(CreateProjectRequest request, CurrentStaff staff, WishDbContext db, OrganisationAccess organisations,
        ProjectAccess projects, TimeProvider clock, CancellationToken cancellationToken)
    {
        ProjectAccess.EnsureCanManage(staff, request.DistrictCode);
        await organisations.FindAsync(request.OrganisationId!.Value, cancellationToken);
        var now = clock.GetUtcNow();
        var project = Project.Propose(request.ToNewProject(), staff.Actor, now);
        db.Add(project);
        db.Record(staff, "project.proposed", nameof(Project), project.Id.ToString(), $"for {project.OrganisationId}", now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/admin/projects/{project.Id}", await projects.ViewAsync(project, cancellationToken));
    }

    private static async Task<Ok<ProjectPage>> List([AsParameters] ProjectListQuery query, CurrentStaff staff, WishDbContext db, ProjectAccess projects,
        CancellationToken cancellationToken)
    {
        var district = staff.EffectiveDistrict(query.DistrictCode);
        var status = ApiEnum.Parse<ProjectStatus>(query.Status);
        var rows = db.Projects().AsNoTracking();
        if (district is not null) rows = rows.Where(p => p.DistrictCode == district);
        if (status is not null) rows = rows.Where(p => p.Status == status);
        if (query.OrganisationId is { } organisationId) rows = rows.Where(p => p.OrganisationId == organisationId);
        if (query.Q?.Trim() is { Length: > 0 } q) rows = rows.Where(p => p.Name.Contains(q) || p.Need.Contains(q));
        return TypedResults.Ok(await projects.PageAsync(rows, query.Page ?? 1, query.PageSize ?? ProjectListQuery.DefaultPageSize, cancellationToken));
    }

    private static async Task<Ok<ProjectView>> Get(Guid id, CurrentStaff staff, ProjectAccess projects, CancellationToken cancellationToken) =>
        TypedResults.Ok(await projects.ViewAsync(await projects.LoadAsync(id, staff, cancellationToken), cancellationToken));

    private static Task<Ok<ProjectView>> Approve(Guid id, CurrentStaff staff, WishDbContext db, ProjectAccess projects, TimeProvider clock,
        CancellationToken cancellationToken) =>
        MoveAsync(id, staff, db, projects, clock, "project.approved", (p, now) => p.Approve(staff.Actor, now), cancellationToken);

    private static Task<Ok<ProjectView>> Start(Guid id, CurrentStaff staff, WishDbContext db, ProjectAccess projects, TimeProvider clock,
        CancellationToken cancellationToken) =>
        MoveAsync(id, staff, db, projects, clock, "project.started", (p, now) => p.Start(now), cancellationToken);

    private static Task<Ok<ProjectView>> Close(Guid id, CloseProjectRequest request, CurrentStaff staff, WishDbContext db, ProjectAccess projects,
        TimeProvider clock, CancellationToken cancellationToken) =>
        MoveAsync(id, staff, db, projects, clock, "project.closed", (p, now) => p.Close(request.Evaluation, request.Rating, staff.Actor, now),
            cancellationToken);

    private static async Task<Ok<ProjectView>> MoveAsync(Guid id, CurrentStaff staff, WishDbContext db, ProjectAccess projects, TimeProvider clock,
        string action, Action<Project, DateTimeOffset> move, CancellationToken cancellationToken)
    {
        var project = await projects.LoadAsync(id, staff, cancellationToken, tracked: true);
        ProjectAccess.EnsureCanManage(staff, project.DistrictCode);
        var now = clock.GetUtcNow();
        move(project, now);
        db.Record(staff, action, nameof(Project), project.Id.ToString(), project.Rating is { } rating ? $"rating {rating}" : null, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await projects.ViewAsync(project, cancellationToken));
    }

    private static async Task<Ok<RosterView>> Roster(Guid id, [AsParameters] RosterQuery query, CurrentStaff staff, WishDbContext db,
        ProjectAccess projects, CancellationToken cancellationToken)
    {
        await projects.LoadAsync(id, staff, cancellationToken);
        var all = query.IncludeRemoved == true;
        var rows = await (from r in db.ProjectBeneficiaries().AsNoTracking()
                          join b in db.Beneficiaries.AsNoTracking() on r.BeneficiaryId equals b.Id
                          where r.ProjectId == id && (all || r.RemovedAt == null)
                          orderby r.AddedAt, r.Id
                          select new { r, b }).ToListAsync(cancellationToken);
        return TypedResults.Ok(new RosterView(id, rows.Select(x => RosterEntryView.Of(x.r, x.b)).ToList()));
    }

    private static async Task<Created<RosterEntryView>> AddToRoster(Guid id, RosterRequest request, CurrentStaff staff, WishDbContext db,
        ProjectAccess projects, TimeProvider clock, CancellationToken cancellationToken)
    {
        var project = await projects.LoadAsync(id, staff, cancellationToken, tracked: true, withRoster: true);
        ProjectAccess.EnsureCanManage(staff, project.DistrictCode);
        var beneficiaryId = request.BeneficiaryId;
        if (request.WishCode?.Trim().ToUpperInvariant() is { Length: > 0 } code)
            beneficiaryId = await db.Wishes.AsNoTracking().Where(w => w.Code == code).Select(w => (Guid?)w.BeneficiaryId).FirstOrDefaultAsync(cancellationToken)
                ?? throw DomainErrors.WishNotFound();
        var beneficiary = await db.Beneficiaries.AsNoTracking().FirstOrDefaultAsync(b => b.Id == beneficiaryId, cancellationToken)
            ?? throw DomainErrors.BeneficiaryNotFound();
        // A coordinator reaches only their district's people, here as in the wish lists.
        staff.EnsureCanActIn(beneficiary.DistrictCode);
        var now = clock.GetUtcNow();
        var entry = project.AddBeneficiary(beneficiary, staff.Actor, now);
        db.Record(staff, "project.beneficiary_added", nameof(Project), project.Id.ToString(), beneficiary.Id.ToString(), now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/admin/projects/{id}/roster", RosterEntryView.Of(entry, beneficiary));
    }

    private static async Task<Ok<RosterEntryView>> RemoveFromRoster(Guid id, Guid beneficiaryId, CurrentStaff staff, WishDbContext db,
        ProjectAccess projects, TimeProvider clock, CancellationToken cancellationToken)
    {
        var project = await projects.LoadAsync(id, staff, cancellationToken, tracked: true, withRoster: true);
        ProjectAccess.EnsureCanManage(staff, project.DistrictCode);
        var now = clock.GetUtcNow();
        var entry = project.RemoveBeneficiary(beneficiaryId, staff.Actor, now);
        db.Record(staff, "project.beneficiary_removed", nameof(Project), project.Id.ToString(), beneficiaryId.ToString(), now);
        await db.SaveChangesAsync(cancellationToken);
        var beneficiary = await db.Beneficiaries.AsNoTracking().FirstAsync(b => b.Id == beneficiaryId, cancellationToken);
        return TypedResults.Ok(RosterEntryView.Of(entry, beneficiary));
    }

    private static async Task<Ok<ProjectPage>> TeamProjects(Guid id, [AsParameters] TeamProjectQuery query, OrganisationCaller caller, WishDbContext db,
        OrganisationAccess organisations, ProjectAccess projects, CancellationToken cancellationToken)
    {
        var organisation = await organisations.FindAsync(id, cancellationToken);
        await organisations.EnsureCanLeadAsync(caller, organisation, cancellationToken);
        var status = ApiEnum.Parse<ProjectStatus>(query.Status);
        var rows = from p in db.Projects().AsNoTracking()
                   join o in db.Organisations().AsNoTracking() on p.OrganisationId equals o.Id
                   where o.Path.StartsWith(organisation.Path) && (status == null || p.Status == status)
                   select p;
        return TypedResults.Ok(await projects.PageAsync(rows, query.Page ?? 1, query.PageSize ?? ProjectListQuery.DefaultPageSize, cancellationToken));
    }

    private static async Task<Ok<ProjectView>> TeamProject(Guid id, Guid projectId, OrganisationCaller caller, OrganisationAccess organisations,
        ProjectAccess projects, CancellationToken cancellationToken)
    {
        var project = await projects.LoadForLeaderAsync(id, projectId, caller, organisations, cancellationToken);
        return TypedResults.Ok(await projects.ViewAsync(project, cancellationToken));
    }

    private static async Task<Ok<TeamRosterView>> TeamRoster(Guid id, Guid projectId, OrganisationCaller caller, WishDbContext db,
        OrganisationAccess organisations, ProjectAccess projects, CancellationToken cancellationToken)
    {
        await projects.LoadForLeaderAsync(id, projectId, caller, organisations, cancellationToken);
        var rows = await (from r in db.ProjectBeneficiaries().AsNoTracking()
                          join b in db.Beneficiaries.AsNoTracking() on r.BeneficiaryId equals b.Id
                          where r.ProjectId == projectId && r.RemovedAt == null
                          orderby r.AddedAt, r.Id
                          select new { r, b }).ToListAsync(cancellationToken);
        return TypedResults.Ok(new TeamRosterView(projectId, rows.Select(x => TeamRosterEntry.Of(x.r, x.b)).ToList()));
    }

    private static async Task<Created<ProjectView>> Propose(Guid id, ProposeProjectRequest request, OrganisationCaller caller, WishDbContext db,
        OrganisationAccess organisations, ProjectAccess projects, TimeProvider clock, CancellationToken cancellationToken)
    {
        var team = await organisations.FindAsync(id, cancellationToken);
        var spec = request.ToNewProject(team);
        if (caller.Staff is { } staff) ProjectAccess.EnsureCanManage(staff, spec.DistrictCode);
        else await organisations.EnsureCanLeadAsync(caller, team, cancellationToken);
        var now = clock.GetUtcNow();
        var project = Project.Propose(spec, caller.Actor, now);
        db.Add(project);
        db.AuditEntries.Add(AuditEntry.Record(caller.Actor, "project.proposed", nameof(Project), project.Id.ToString(), $"for {team.Id}", now));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/organisations/{id}/projects", await projects.ViewAsync(project, cancellationToken));
    }
}
