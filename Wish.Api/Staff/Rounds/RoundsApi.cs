using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Rounds;

public sealed record PublishRequest(DateTimeOffset? At);

public sealed record ScheduledPublicationView(Guid Id, DateTimeOffset At, string? DistrictCode, ScheduledPublicationStatus Status, int? Published,
    string RequestedBy)
{
    public static ScheduledPublicationView Of(ScheduledPublication p) => new(p.Id, p.At, p.DistrictCode, p.Status, p.Published, p.RequestedBy.ToString());
}

/// <summary>Published now (200) or scheduled (202, <c>scheduled</c> set).</summary>
public sealed record PublishResult(int Published, IReadOnlyList<string> Codes, ScheduledPublicationView? Scheduled);

public sealed class PublishRequestValidator : AbstractValidator<PublishRequest>
{
    public PublishRequestValidator(TimeProvider clock) =>
        RuleFor(r => r.At).Must(at => at is null || at < clock.GetUtcNow().AddYears(1)).WithMessage("定时发布时间不能超过一年以后。");
}

/// <summary>Monthly rounds: a summary with counts and cost, publication now or at a set time, roll-overs reported.</summary>
public static class RoundsApi
{
    public static IEndpointRouteBuilder MapRounds(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin/rounds").WithTags("Staff: rounds").RequireAuthorization(Policies.Staff).WithValidation();
        api.MapGet("/{round}", Get).WithSummary("Round summary: counts and estimated cost by status, schedule, roll-overs, scheduled publications");
        api.MapPost("/{round}/publish", Publish)
            .WithSummary("Publish every verified wish of the round now (200), or schedule it for {at} (202)");
        api.MapPost("/{round}/publications/{id:guid}/cancel", Cancel).WithSummary("Cancel a pending scheduled publication");
        return app;
    }

    private static async Task<Ok<RoundSummary>> Get(string round, CurrentStaff staff, WishDbContext db, WishRules rules,
        CancellationToken cancellationToken)
    {
        return TypedResults.Ok(await RoundSummary.LoadAsync(db, rules, Round.Parse(round), staff.ScopeDistrict, cancellationToken));
    }

    private static async Task<Results<Ok<PublishResult>, Accepted<PublishResult>>> Publish(string round, PublishRequest? request,
        CurrentStaff staff, WishDbContext db, RoundPublisher publisher, TimeProvider clock, CancellationToken cancellationToken)
    {
        var parsed = Round.Parse(round);
        var now = clock.GetUtcNow();
        if (request?.At is { } at && at > now)
        {
            var schedule = ScheduledPublication.Create(parsed, staff.ScopeDistrict, at, staff.Actor, now);
            db.ScheduledPublications.Add(schedule);
            db.Record(staff, "round.publication_scheduled", "Round", parsed.ToString(),
                $"at {schedule.At:O}; district={staff.ScopeDistrict ?? "all"}", now);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Accepted($"/api/admin/rounds/{parsed}", new PublishResult(0, [], ScheduledPublicationView.Of(schedule)));
        }

        var published = await publisher.PublishAsync(parsed, staff.ScopeDistrict, staff.Actor, now, cancellationToken);
        db.Record(staff, "round.published", "Round", parsed.ToString(), $"district={staff.ScopeDistrict ?? "all"}; published={published.Count}", now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new PublishResult(published.Count, published.Select(w => w.Code).ToList(), null));
    }

    private static async Task<Ok<ScheduledPublicationView>> Cancel(string round, Guid id, CurrentStaff staff, WishDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var parsed = Round.Parse(round);
        var schedule = await db.ScheduledPublications.FirstOrDefaultAsync(p => p.Id == id && p.Round == parsed, cancellationToken)
            ?? throw new NotFoundException(DomainErrorCodes.RoundScheduleNotFound, "找不到该定时发布。");
        // A coordinator may cancel only their own district's schedule; an all-district one (null) belongs to reviewers and admins.
        staff.EnsureCanActIn(schedule.DistrictCode);
        var now = clock.GetUtcNow();
        schedule.Cancel(now);
        db.Record(staff, "round.publication_cancelled", "Round", parsed.ToString(), $"schedule {schedule.Id}", now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ScheduledPublicationView.Of(schedule));
    }
}
