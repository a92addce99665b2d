using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Api.Notifications;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Review;

public sealed record BulkVerifyRequest(IReadOnlyList<Guid>? Ids, Urgency? Urgency, string? Category, string? Note) : IVerifyFields;

public sealed record BulkRejectRequest(IReadOnlyList<Guid>? Ids, string? Reason) : IReasonField;

public sealed record BulkDone(Guid Id, string Code);

/// <summary>A wish the action did not change, with the title its single action would have answered.</summary>
public sealed record BulkFailed(Guid Id, string? Code, string Title);

public sealed record BulkResult(IReadOnlyList<BulkDone> Done, IReadOnlyList<BulkFailed> Failed);

public static class BulkIds
{
    public const int Max = 100;

    public static void AddIdsRules<T>(this AbstractValidator<T> validator, Func<T, IReadOnlyList<Guid>?> ids) =>
        validator.RuleFor(r => ids(r)).NotEmpty().WithMessage("请至少选择一个心愿。")
            .Must(i => i is null || i.Count <= Max).WithMessage($"一次最多处理{Max}个心愿。")
            .OverridePropertyName("ids");
}

public sealed class BulkVerifyRequestValidator : AbstractValidator<BulkVerifyRequest>
{
    public BulkVerifyRequestValidator()
    {
        this.AddIdsRules(r => r.Ids);
        this.AddVerifyRules();
    }
}

public sealed class BulkRejectRequestValidator : AbstractValidator<BulkRejectRequest>
{
    public BulkRejectRequestValidator()
    {
        this.AddIdsRules(r => r.Ids);
        this.AddReasonRules();
    }
}

/// <summary>
/// Verify or reject many wishes in one request: each goes through the single action's domain method and audit and is saved on
/// its own, so one wish's refusal (a flag that needs its own override reason, another district) leaves the others done.
/// </summary>
public static class BulkReviewApi
{
    public static IEndpointRouteBuilder MapBulkReview(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin/wishes/bulk").WithTags("Staff: review").RequireAuthorization(Policies.Staff).WithValidation();
        api.MapPost("/verify", Verify)
            .WithSummary($"Verify up to {BulkIds.Max} wishes {{ids, urgency, category?, note?}} → {{done, failed}}; a flagged wish fails (it needs its own override reason)");
        api.MapPost("/reject", Reject).WithSummary($"Reject up to {BulkIds.Max} wishes {{ids, reason}} → {{done, failed}}");
        return app;
    }

    private static Task<Ok<BulkResult>> Verify(BulkVerifyRequest request, CurrentStaff staff, WishDbContext db, ILifecycleNotifier notifier,
        TimeProvider clock, CancellationToken cancellationToken) =>
        EachAsync(request.Ids!, staff, db, clock,
            (wish, now) => ReviewApi.VerifyAsync(wish, request, null, staff, db, notifier, now, cancellationToken), cancellationToken);

    private static Task<Ok<BulkResult>> Reject(BulkRejectRequest request, CurrentStaff staff, WishDbContext db, TimeProvider clock,
        CancellationToken cancellationToken) =>
        EachAsync(request.Ids!, staff, db, clock, (wish, now) =>
        {
            wish.Reject(request.Reason!, staff.Actor, now);
            return Task.CompletedTask;
        }, cancellationToken);

    private static async Task<Ok<BulkResult>> EachAsync(IReadOnlyList<Guid> ids, CurrentStaff staff, WishDbContext db, TimeProvider clock,
        Func<Wish, DateTimeOffset, Task> act, CancellationToken cancellationToken)
    {
        var done = new List<BulkDone>();
        var failed = new List<BulkFailed>();
        foreach (var id in ids.Distinct())
        {
            string? code = null;
            try
            {
                var (wish, now) = await StaffWishes.LoadForActionAsync(id, staff, db, clock, cancellationToken);
                code = wish.Code;
                await act(wish, now);
                await db.SaveChangesAsync(cancellationToken);
                done.Add(new BulkDone(id, wish.Code));
            }
            catch (DomainException e)
            {
                failed.Add(new BulkFailed(id, code, e.Message));
            }
            catch (DbUpdateConcurrencyException)
            {
                failed.Add(new BulkFailed(id, code, ProblemDetailsExceptionHandler.ConcurrentChangeTitle));
            }
            finally
            {
                // Whatever a refused wish left tracked must not ride along with the next wish's save.
                db.ChangeTracker.Clear();
            }
        }
        return TypedResults.Ok(new BulkResult(done, failed));
    }
}
