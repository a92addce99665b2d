using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Api.Organisations;
using WeChatWish.Api.Staff;
using WeChatWish.Domain;

namespace WeChatWish.Api.Projects;

/// <summary>
/// Loading a project for staff, refused (403) outside a coordinator's district as wishes are, and the views every route answers
/// with. Changing the library is for admins and for coordinators in their district; reviewers read it.
/// </summary>
public sealed class ProjectAccess(WishDbContext db)
{
    public async Task<Project> LoadAsync(Guid id, CurrentStaff staff, CancellationToken cancellationToken, bool tracked = false,
        bool withRoster = false)
    {
        var projects = tracked ? db.Projects() : db.Projects().AsNoTracking();
        // Only the people on the roster now: the history can be long and no rule needs it.
        if (withRoster) projects = projects.Include(p => p.Roster.Where(r => r.RemovedAt == null));
        var project = await projects.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw DomainErrors.ProjectNotFound();
        staff.EnsureCanActIn(project.DistrictCode);
        return project;
    }

    /// <summary>
    /// A project of a team in the subtree of <paramref name="organisationId"/>, for its leaders (or staff of its district); a project
    /// of another team answers 404, as if it did not exist, so a leader cannot probe other teams' projects.
    /// </summary>
    public async Task<Project> LoadForLeaderAsync(Guid organisationId, Guid projectId, OrganisationCaller caller, OrganisationAccess organisations,
        CancellationToken cancellationToken)
    {
        var node = await organisations.FindAsync(organisationId, cancellationToken);
        await organisations.EnsureCanLeadAsync(caller, node, cancellationToken);
        var project = await (from p in db.Projects().AsNoTracking()
                             join o in db.Organisations().AsNoTracking() on p.OrganisationId equals o.Id
                             where p.Id == projectId && o.Path.StartsWith(node.Path)
                             select p).FirstOrDefaultAsync(cancellationToken) ?? throw DomainErrors.ProjectNotFound();
        return project;
    }

    public static void EnsureCanManage(CurrentStaff staff, string? districtCode)
    {
        if (staff.Role == StaffRole.Reviewer)
            throw new ForbiddenException(DomainErrorCodes.ProjectManageNotAllowed, "只有管理员和区协调员可以设立、审批和结项项目。");
        staff.EnsureCanActIn(districtCode);
    }

    public async Task<ProjectView> ViewAsync(Project project, CancellationToken cancellationToken)
    {
        var organisationName = await db.Organisations().AsNoTracking().Where(o => o.Id == project.OrganisationId).Select(o => o.Name)
            .FirstAsync(cancellationToken);
        var beneficiaries = await db.ProjectBeneficiaries().CountAsync(r => r.ProjectId == project.Id && r.RemovedAt == null, cancellationToken);
        var activities = await db.Activities.AsNoTracking().Where(a => a.ProjectId == project.Id).OrderByDescending(a => a.StartsAt).ThenBy(a => a.Id)
            .Select(a => new ProjectActivityView(a.Id, a.Title, a.Status, a.Place, a.StartsAt, a.EndsAt)).ToListAsync(cancellationToken);
        return ProjectView.Of(project, organisationName, beneficiaries, activities);
    }

    /// <summary>One page of summaries, newest proposal first.</summary>
    public async Task<ProjectPage> PageAsync(IQueryable<Project> projects, int page, int size, CancellationToken cancellationToken)
    {
        var total = await projects.CountAsync(cancellationToken);
        var items = await (from p in projects.OrderByDescending(p => p.ProposedAt).ThenByDescending(p => p.Id).Skip((page - 1) * size).Take(size)
                           join o in db.Organisations().AsNoTracking() on p.OrganisationId equals o.Id
                           select new ProjectSummary(p.Id, p.Name, p.Status, o.Id, o.Name, p.Frequency, p.FrequencyNote, p.Place, p.DistrictCode,
                               db.ProjectBeneficiaries().Count(r => r.ProjectId == p.Id && r.RemovedAt == null),
                               db.Activities.Count(a => a.ProjectId == p.Id), p.ProposedAt, p.Rating))
            .ToListAsync(cancellationToken);
        // The join keeps the page's rows but not necessarily their order.
        return new ProjectPage(items.OrderByDescending(i => i.ProposedAt).ThenByDescending(i => i.Id).ToList(), total, page, size);
    }
}

internal static class ProjectSets
{
    public static DbSet<Project> Projects(this WishDbContext db) => db.Set<Project>();

    public static DbSet<ProjectBeneficiary> ProjectBeneficiaries(this WishDbContext db) => db.Set<ProjectBeneficiary>();
}
