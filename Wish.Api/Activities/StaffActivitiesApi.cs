using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Organisations;
using WeChatWish.Api.Projects;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Api.Staff;
using WeChatWish.Domain;

namespace WeChatWish.Api.Activities;

/// <summary>Staff run activities: create with shifts, publish, cancel (everyone signed up is told), the rotating check-in code, attendance.</summary>
public static class StaffActivitiesApi
{
    public static IEndpointRouteBuilder MapStaffActivities(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin/activities").WithTags("Staff: activities").RequireAuthorization(Policies.Staff).WithValidation();
        api.MapPost("/", Create).WithSummary("Creates a draft activity with its shifts; a coordinator only in their district; with projectId, 422 project.not_taking_activities unless it is approved or running, project.district_mismatch unless in its district");
        api.MapGet("/", List).WithSummary("?status&districtCode&page&pageSize → {items, total}, newest first");
        api.MapGet("/{id:guid}", Get).WithSummary("One activity with its shifts' counts").ProducesProblem(404);
        api.MapPost("/{id:guid}/publish", Publish).WithSummary("Opens sign-up").ProducesProblem(409).ProducesProblem(422);
        api.MapPost("/{id:guid}/cancel", Cancel).WithSummary("Cancels the activity {reason}; every sign-up ends and is told").ProducesProblem(409);
        api.MapGet("/shifts/{shiftId:guid}/checkin-code", CheckInCode)
            .WithSummary("The rotating check-in code for the venue screen {token, expiresAt}: ask again before it expires").ProducesProblem(422);
        api.MapGet("/shifts/{shiftId:guid}/roster", Roster).WithSummary("The shift's sign-ups with scans, minutes and outcomes");
        api.MapPost("/shifts/{shiftId:guid}/attendance", Attendance)
            .WithSummary("Confirms attendance {entries: [{volunteerId, minutes?, rating?, note?}]}: final passbook entries, points, no-shows")
            .ProducesProblem(422);
        return app;
    }

    private static async Task<Created<ActivityView>> Create(CreateActivityRequest request, CurrentStaff staff, WishDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        staff.EnsureCanActIn(request.DistrictCode);
        if (request.Requirements?.OrganisationId is { } organisationId && !await db.Organisations().AnyAsync(o => o.Id == organisationId, cancellationToken))
            throw DomainErrors.OrganisationNotFound();
        Project? project = null;
        if (request.ProjectId is { } projectId)
        {
            project = await db.Projects().AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, cancellationToken) ?? throw DomainErrors.ProjectNotFound();
            staff.EnsureCanActIn(project.DistrictCode);
        }
        var now = clock.GetUtcNow();
        var activity = Activity.Create(request.ToNewActivity(), staff.Actor, now, project);
        db.Activities.Add(activity);
        db.Record(staff, "activity.created", nameof(Activity), activity.Id.ToString(), $"{activity.Shifts.Count} shifts", now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/admin/activities/{activity.Id}", ActivityView.Of(activity));
    }

    private static async Task<Ok<StaffActivityPage>> List([AsParameters] StaffActivityQuery query, CurrentStaff staff, WishDbContext db,
        CancellationToken cancellationToken)
    {
        var district = staff.EffectiveDistrict(query.DistrictCode);
        var status = ApiEnum.Parse<ActivityStatus>(query.Status);
        var activities = db.Activities.AsNoTracking().Include(a => a.Shifts)
            .Where(a => district == null || a.DistrictCode == district)
            .Where(a => status == null || a.Status == status);
        var page = query.Page ?? 1;
        var size = query.PageSize ?? StaffActivityQuery.DefaultPageSize;
        var total = await activities.CountAsync(cancellationToken);
        var items = await activities.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Skip((page - 1) * size).Take(size)
            .AsSplitQuery().ToListAsync(cancellationToken);
        return TypedResults.Ok(new StaffActivityPage(items.Select(ActivityView.Of).ToList(), total, page, size));
    }

    private static async Task<Ok<ActivityView>> Get(Guid id, CurrentStaff staff, WishDbContext db, CancellationToken cancellationToken)
    {
        var activity = await LoadAsync(db, id, cancellationToken);
        staff.EnsureCanActIn(activity.DistrictCode);
        return TypedResults.Ok(ActivityView.Of(activity));
    }

    private static async Task<Ok<ActivityView>> Publish(Guid id, CurrentStaff staff, WishDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var activity = await LoadAsync(db, id, cancellationToken, tracked: true);
        staff.EnsureCanActIn(activity.DistrictCode);
        var now = clock.GetUtcNow();
        activity.Publish(now);
        db.Record(staff, "activity.published", nameof(Activity), activity.Id.ToString(), null, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ActivityView.Of(activity));
    }

    private static async Task<Ok<ActivityView>> Cancel(Guid id, CancelActivityRequest request, CurrentStaff staff, WishDbContext db,
        ActivityNotifier notifier, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The shifts' locks first, by id as every sign-up takes them: no sign-up slips in while the activity closes.
        await db.Shifts.FromSql($"""SELECT * FROM "Shifts" WHERE "ActivityId" = {id} ORDER BY "Id" FOR NO KEY UPDATE""").ToListAsync(cancellationToken);
        var activity = await LoadAsync(db, id, cancellationToken, tracked: true);
        staff.EnsureCanActIn(activity.DistrictCode);
        var now = clock.GetUtcNow();
        activity.Cancel(request.Reason!, now);
        var signUps = await db.SignUps.Where(s => s.ActivityId == id && s.Status != SignUpStatus.Cancelled).ToListAsync(cancellationToken);
        foreach (var signUp in signUps) signUp.EndWithActivity(staff.Actor, now);
        await notifier.CancelledAsync(activity, signUps.Select(s => (activity.Shifts.First(h => h.Id == s.ShiftId), s.VolunteerId)).ToList(),
            cancellationToken);
        db.Record(staff, "activity.cancelled", nameof(Activity), activity.Id.ToString(), $"{signUps.Count} sign-ups ended: {activity.CancelReason}", now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(ActivityView.Of(activity));
    }

    private static async Task<Ok<CheckInCodeView>> CheckInCode(Guid shiftId, CurrentStaff staff, WishDbContext db, CheckInTokens tokens,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var (activity, shift) = await LoadShiftAsync(db, shiftId, staff, cancellationToken);
        if (activity.Status != ActivityStatus.Published)
            throw new RuleViolationException(DomainErrorCodes.ActivityClosed, "只有已发布的活动可以显示签到二维码。");
        return TypedResults.Ok(tokens.Issue(shift.Id));
    }

    private static async Task<Ok<ShiftRoster>> Roster(Guid shiftId, CurrentStaff staff, WishDbContext db, CancellationToken cancellationToken)
    {
        await LoadShiftAsync(db, shiftId, staff, cancellationToken);
        return TypedResults.Ok(await ShiftRosters.LoadAsync(db, shiftId, cancellationToken));
    }

    private static async Task<Ok<AttendanceResult>> Attendance(Guid shiftId, AttendanceRequest request, CurrentStaff staff,
        AttendanceService attendance, CancellationToken cancellationToken) =>
        TypedResults.Ok(await attendance.ConfirmAsync(shiftId, request, staff, cancellationToken));

    private static async Task<Activity> LoadAsync(WishDbContext db, Guid id, CancellationToken cancellationToken, bool tracked = false)
    {
        var query = db.Activities.Include(a => a.Shifts).Where(a => a.Id == id);
        return await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(cancellationToken) ?? throw DomainErrors.ActivityNotFound();
    }

    private static async Task<(Activity, Shift)> LoadShiftAsync(WishDbContext db, Guid shiftId, CurrentStaff staff, CancellationToken cancellationToken)
    {
        var shift = await db.Shifts.AsNoTracking().FirstOrDefaultAsync(s => s.Id == shiftId, cancellationToken) ?? throw DomainErrors.ShiftNotFound();
        var activity = await db.Activities.AsNoTracking().FirstAsync(a => a.Id == shift.ActivityId, cancellationToken);
        staff.EnsureCanActIn(activity.DistrictCode);
        return (activity, shift);
    }
}
