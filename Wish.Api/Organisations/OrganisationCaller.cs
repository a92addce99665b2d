using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Staff;
using WeChatWish.Domain;

namespace WeChatWish.Api.Organisations;

/// <summary>
/// Who calls a route that an organisation's leaders share with staff: a volunteer (whose rights come from the nodes they lead)
/// or a staff member (whose rights come from their role and district). Bound as a handler parameter.
/// </summary>
public sealed record OrganisationCaller(Guid? VolunteerId, CurrentStaff? Staff)
{
    public Actor Actor => Staff?.Actor ?? Actor.Volunteer(VolunteerId!.Value);

    public static ValueTask<OrganisationCaller?> BindAsync(HttpContext context) => ValueTask.FromResult<OrganisationCaller?>(
        context.User.IsInRole(Roles.Volunteer) ? new(context.User.UserId(), null) : new(null, CurrentStaff.From(context.User)));
}

/// <summary>
/// The rights the organisation tree gives (DESIGN.md §10): a leader of a node acts on it and everything under it, as a district
/// coordinator acts on their district; staff act on any node of the districts they see. Outside them the answer is 403, worded
/// for a leader as for a coordinator.
/// </summary>
public sealed class OrganisationAccess(WishDbContext db)
{
    public async Task<Organisation> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Organisations().FirstOrDefaultAsync(o => o.Id == id, cancellationToken) ?? throw DomainErrors.OrganisationNotFound();

    /// <summary>The paths of the nodes <paramref name="volunteerId"/> leads.</summary>
    public Task<List<string>> LedPathsAsync(Guid volunteerId, CancellationToken cancellationToken) =>
        (from m in db.OrganisationMemberships()
         join o in db.Organisations() on m.OrganisationId equals o.Id
         where m.VolunteerId == volunteerId && m.IsLeader && m.Status == MembershipStatus.Approved
         select o.Path).ToListAsync(cancellationToken);

    public async Task EnsureCanLeadAsync(OrganisationCaller caller, Organisation organisation, CancellationToken cancellationToken)
    {
        if (caller.Staff is { } staff)
        {
            staff.EnsureCanActIn(organisation.DistrictCode);
            return;
        }
        var led = await LedPathsAsync(caller.VolunteerId!.Value, cancellationToken);
        if (!led.Any(path => Organisation.Covers(path, organisation.Path)))
            throw new ForbiddenException(DomainErrorCodes.OrganisationNotLeader, "您不是这个组织（或其上级组织）的负责人，无权查看或操作。");
    }

    /// <summary>A volunteer acting for <paramref name="organisationId"/> (a team claim) must lead it or a node above it.</summary>
    public async Task EnsureLeadsAsync(Guid volunteerId, Guid organisationId, CancellationToken cancellationToken)
    {
        var organisation = await FindAsync(organisationId, cancellationToken);
        await EnsureCanLeadAsync(new OrganisationCaller(volunteerId, null), organisation, cancellationToken);
    }

    /// <summary>Setting up the tree is for admins, and for district coordinators within their district; reviewers only read it.</summary>
    public static void EnsureCanSetUp(CurrentStaff staff, string districtCode)
    {
        if (staff.Role == StaffRole.Reviewer)
            throw new ForbiddenException(DomainErrorCodes.OrganisationSetUpNotAllowed, "只有管理员和区协调员可以设置组织及其负责人。");
        staff.EnsureCanActIn(districtCode);
    }

    /// <summary>Whether the volunteer is an approved member of the node or of a node under it: what an activity's team requirement asks.</summary>
    public static IQueryable<Guid> MembersOfSubtree(WishDbContext db, string path) =>
        from m in db.OrganisationMemberships()
        join o in db.Organisations() on m.OrganisationId equals o.Id
        where m.Status == MembershipStatus.Approved && o.Path.StartsWith(path)
        select m.VolunteerId;
}

internal static class OrganisationSets
{
    public static DbSet<Organisation> Organisations(this WishDbContext db) => db.Set<Organisation>();

    public static DbSet<OrganisationMembership> OrganisationMemberships(this WishDbContext db) => db.Set<OrganisationMembership>();
}
