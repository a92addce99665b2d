using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Api.Staff;
using WeChatWish.Api.Volunteers;
using WeChatWish.Domain;

namespace WeChatWish.Api.Activities;

/// <summary>The volunteer's side: browse published activities, sign up for a shift or join its waiting list, give it up, scan in and out.</summary>
public static class VolunteerActivitiesApi
{
    public static IEndpointRouteBuilder MapVolunteerActivities(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Volunteers: activities").RequireAuthorization(Policies.Volunteer).WithValidation();
        api.MapGet("/activities", Browse).WithSummary("Published activities still running after ?from (default now), soonest first; keyset pages via nextCursor");
        api.MapGet("/activities/{id:guid}", Get).WithSummary("One published activity with its shifts' counts").ProducesProblem(404);
        api.MapPost("/activities/shifts/{id:guid}/signup", SignUp)
            .WithSummary("Signs up: 201 {shiftId, status: confirmed or waitlisted, position?}; 200 with the same if already signed up; 422 rules")
            .ProducesProblem(404).ProducesProblem(422);
        api.MapDelete("/activities/shifts/{id:guid}/signup", CancelSignUp)
            .WithSummary("Gives the place up (until the cutoff before the start) or leaves the waiting list; the first in line moves up")
            .ProducesProblem(404).ProducesProblem(422);
        api.MapPost("/activities/checkins", CheckIn)
            .WithSummary("Scans the venue's code {token, location?}: checks in, then out; 422 with the reason when refused").ProducesProblem(422);
        api.MapGet("/me/signups", MySignUps).WithSummary("The volunteer's sign-ups, latest shifts first");
        return app;
    }

    private static async Task<Ok<ActivityPage>> Browse([AsParameters] ActivityBrowseQuery query, WishDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        // PostgreSQL takes UTC parameters only; a client may well send +08:00.
        var from = (query.From ?? clock.GetUtcNow()).ToUniversalTime();
        var kind = ApiEnum.Parse<ServiceKind>(query.ServiceKind);
        var limit = query.Limit ?? ActivityBrowseQuery.DefaultLimit;
        var activities = db.Activities.AsNoTracking()
            .Where(a => a.Status == ActivityStatus.Published && a.EndsAt > from)
            .Where(a => query.DistrictCode == null || a.DistrictCode == query.DistrictCode)
            .Where(a => kind == null || a.ServiceKind == kind);
        if (ActivityCursor.TryDecode(query.Cursor, out var cursor))
        {
            var (startsAt, id) = (cursor.StartsAt, cursor.Id);
            // A row comparison, (StartsAt, Id) > cursor, is one range on the index.
            activities = activities.Where(a => EF.Functions.GreaterThan(ValueTuple.Create(a.StartsAt, a.Id), ValueTuple.Create(startsAt, id)));
        }
        var page = await activities.OrderBy(a => a.StartsAt).ThenBy(a => a.Id).Take(limit + 1).Include(a => a.Shifts)
            .AsSplitQuery().ToListAsync(cancellationToken);
        var next = page.Count > limit ? new ActivityCursor(page[limit - 1].StartsAt, page[limit - 1].Id).Encode() : null;
        return TypedResults.Ok(new ActivityPage(page.Take(limit).Select(ActivityView.Of).ToList(), next));
    }

    private static async Task<Ok<ActivityView>> Get(Guid id, WishDbContext db, CancellationToken cancellationToken)
    {
        var activity = await db.Activities.AsNoTracking().Include(a => a.Shifts)
            .FirstOrDefaultAsync(a => a.Id == id && a.Status != ActivityStatus.Draft, cancellationToken) ?? throw DomainErrors.ActivityNotFound();
        return TypedResults.Ok(ActivityView.Of(activity));
    }

    // {id} is the shift's id: one parameter name across the volunteer routes, as the route scans of the tests expect.
    private static async Task<Results<Created<SignUpView>, Ok<SignUpView>>> SignUp(Guid id, CurrentVolunteer me, ShiftSignUps signUps,
        CancellationToken cancellationToken)
    {
        var outcome = await signUps.SignUpAsync(id, me.Id, cancellationToken);
        return outcome.Created ? TypedResults.Created($"/api/me/signups", outcome.View) : TypedResults.Ok(outcome.View);
    }

    private static async Task<Ok> CancelSignUp(Guid id, CurrentVolunteer me, ShiftSignUps signUps, CancellationToken cancellationToken)
    {
        await signUps.CancelAsync(id, me.Id, cancellationToken);
        return TypedResults.Ok();
    }

    private static async Task<Ok<CheckInView>> CheckIn(CheckInRequest request, CurrentVolunteer me, CheckIns checkIns, CancellationToken cancellationToken) =>
        TypedResults.Ok(await checkIns.ScanAsync(me.Id, request, cancellationToken));

    private static async Task<Ok<MySignUpList>> MySignUps(CurrentVolunteer me, WishDbContext db, CancellationToken cancellationToken)
    {
        var rows = await (from s in db.SignUps.AsNoTracking()
                          join h in db.Shifts on s.ShiftId equals h.Id
                          join a in db.Activities on h.ActivityId equals a.Id
                          where s.VolunteerId == me.Id
                          orderby h.StartsAt descending
                          select new
                          {
                              SignUp = s, a.Title, a.Place, h.StartsAt, h.EndsAt,
                              Ahead = s.Status == SignUpStatus.Waitlisted
                                  ? db.SignUps.Count(o => o.ShiftId == s.ShiftId && o.Status == SignUpStatus.Waitlisted && o.WaitNumber <= s.WaitNumber)
                                  : (int?)null,
                          }).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(new MySignUpList(rows.Select(r => new MySignUp(r.SignUp.ShiftId, r.SignUp.ActivityId, r.Title, r.Place, r.StartsAt,
            r.EndsAt, r.SignUp.Status, r.Ahead, r.SignUp.CheckedInAt, r.SignUp.CheckedOutAt, r.SignUp.FinalMinutes, r.SignUp.NoShow)).ToList()));
    }
}
