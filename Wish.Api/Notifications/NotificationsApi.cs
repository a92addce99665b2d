using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Api.Staff;
using WeChatWish.Domain;

namespace WeChatWish.Api.Notifications;

public sealed record PushAccepted(Guid Id, int Total);

public sealed record NotificationProgress(Guid Id, string? TemplateKey, string TemplateId, NotificationChannel Channel, NotificationJobStatus Status,
    DateTimeOffset? PausedUntil, DateTimeOffset CreatedAt, int Total, int Sent, int Failed, int Skipped, int Pending, int Cancelled,
    IReadOnlyDictionary<string, int> FailedByReason, IReadOnlyDictionary<string, int> SkippedByReason);

public sealed record RecipientOutcome(string OpenId, RecipientStatus Status, string? Reason, int? ErrCode, int Attempts, DateTimeOffset? SentAt,
    string? DeliveryStatus, DateTimeOffset? DeliveredAt);

public sealed record TemplateInfo(string Key, NotificationChannel Channel, IReadOnlyList<string> Fields, int MaxLength);

public sealed record RecipientCount(int Count);

public sealed record JobPage(IReadOnlyList<NotificationProgress> Items, int Total, int Page, int PageSize);

public sealed record RecipientPage(IReadOnlyList<RecipientOutcome> Items, int Total, int Page, int PageSize);

/// <summary>Staff pushes under <c>/api/admin/notifications</c>: admins only, as a push reaches people in every district.</summary>
public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin/notifications").WithTags("Staff: notifications").RequireAuthorization(Policies.Admin).WithValidation();
        api.MapPost("/", Push).WithSummary("Push a template message to openids or a filtered group (202 with the job id)");
        api.MapGet("/", List).WithSummary("Jobs newest first (?page&pageSize) with their progress figures");
        api.MapGet("/templates", Templates).WithSummary("The configured templates: key, channel, logical fields and the length WeChat cuts values at");
        api.MapPost("/preview", Preview).WithSummary("How many a push to {recipients} would go to, counted as the push counts");
        api.MapGet("/{id:guid}", Get).WithSummary("Progress: total, sent, failed (by reason), skipped, pending");
        api.MapGet("/{id:guid}/recipients", Recipients).WithSummary("The outcome per recipient, paged (?status&page&pageSize)");
        api.MapPost("/{id:guid}/cancel", Cancel).WithSummary("Cancel what has not been sent yet");
        return app;
    }

    private static async Task<Accepted<PushAccepted>> Push(PushRequest request, CurrentStaff staff, WishDbContext db, IOptions<NotificationOptions> options,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var template = request.TemplateKey is { } key ? options.Value.Templates[key] : null;
        var channel = PushRequestValidator.ChannelOf(request, options.Value);
        var job = NotificationJob.Create(request.TemplateKey, template?.TemplateId ?? request.TemplateId!, channel,
            TemplateText.Map(request.Data!, template?.Fields), request.Url, request.MiniProgramPage, $"staff:{staff.UserName}", now);
        await NotificationJobs.CreateAsync(db, job, request.Recipients!, now, cancellationToken);
        db.Record(staff, "notification.pushed", "NotificationJob", job.Id.ToString(),
            $"template={request.TemplateKey ?? request.TemplateId}; recipients={job.Total}", now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted($"/api/admin/notifications/{job.Id}", new PushAccepted(job.Id, job.Total));
    }

    private static Ok<List<TemplateInfo>> Templates(IOptions<NotificationOptions> options) =>
        TypedResults.Ok(options.Value.Templates.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new TemplateInfo(t.Key, t.Value.Channel, t.Value.Fields.Keys.ToList(), TemplateText.MaxLength)).ToList());

    private static async Task<Ok<RecipientCount>> Preview(PreviewRequest request, WishDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(new RecipientCount(await NotificationJobs.CountAsync(db, request.Recipients!, cancellationToken)));

    private static async Task<Ok<JobPage>> List(int? page, int? pageSize, WishDbContext db, CancellationToken cancellationToken)
    {
        var size = Math.Clamp(pageSize ?? 20, 1, 100);
        var number = Math.Max(1, page ?? 1);
        var jobs = await db.NotificationJobs.AsNoTracking().OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id)
            .Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        // The page's figures in one grouped query (not one a job), read the same way as the detail's.
        var items = await ProgressAsync(db, jobs, cancellationToken);
        return TypedResults.Ok(new JobPage(items, await db.NotificationJobs.CountAsync(cancellationToken), number, size));
    }

    private static async Task<Ok<NotificationProgress>> Get(Guid id, WishDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ProgressAsync(db, id, cancellationToken));

    private static async Task<Ok<RecipientPage>> Recipients(Guid id, RecipientStatus? status, int? page, int? pageSize, WishDbContext db,
        CancellationToken cancellationToken)
    {
        await FindAsync(db, id, cancellationToken);
        var size = Math.Clamp(pageSize ?? 50, 1, 500);
        var number = Math.Max(1, page ?? 1);
        var query = db.NotificationRecipients.AsNoTracking().Where(r => r.JobId == id && (status == null || r.Status == status));
        var items = await query.OrderBy(r => r.Id).Skip((number - 1) * size).Take(size)
            .Select(r => new RecipientOutcome(r.OpenId, r.Status, r.Reason, r.ErrCode, r.Attempts, r.SentAt, r.DeliveryStatus, r.DeliveredAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new RecipientPage(items, await query.CountAsync(cancellationToken), number, size));
    }

    private static async Task<Ok<NotificationProgress>> Cancel(Guid id, CurrentStaff staff, WishDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var job = await FindAsync(db, id, cancellationToken);
        job.Cancel(now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Record(staff, "notification.cancelled", "NotificationJob", id.ToString(), null, now);
        await db.SaveChangesAsync(cancellationToken);
        // Rows in flight stay pending here; their send's outcome is recorded over this (a sent message was sent).
        await db.NotificationRecipients.Where(r => r.JobId == id && r.Status == RecipientStatus.Pending && (r.ClaimedBy == null || r.DueAt <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RecipientStatus.Cancelled).SetProperty(r => r.UpdatedAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(await ProgressAsync(db, id, cancellationToken));
    }

    public static async Task<NotificationProgress> ProgressAsync(WishDbContext db, Guid id, CancellationToken ct) =>
        (await ProgressAsync(db, [await FindAsync(db, id, ct)], ct))[0];

    private static async Task<List<NotificationProgress>> ProgressAsync(WishDbContext db, IReadOnlyList<NotificationJob> jobs, CancellationToken ct)
    {
        var ids = jobs.Select(j => j.Id).ToList();
        var counts = await db.NotificationRecipients.AsNoTracking().Where(r => ids.Contains(r.JobId)).GroupBy(r => new { r.JobId, r.Status, r.Reason })
            .Select(g => new { g.Key.JobId, g.Key.Status, g.Key.Reason, Count = g.Count() }).ToListAsync(ct);
        var byJob = counts.ToLookup(c => c.JobId);
        return jobs.Select(job =>
        {
            var mine = byJob[job.Id].ToList();
            int Count(RecipientStatus s) => mine.Where(c => c.Status == s).Sum(c => c.Count);
            Dictionary<string, int> ByReason(RecipientStatus s) =>
                mine.Where(c => c.Status == s).GroupBy(c => c.Reason ?? "unknown").ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
            return new NotificationProgress(job.Id, job.TemplateKey, job.TemplateId, job.Channel, job.Status, job.PausedUntil, job.CreatedAt,
                mine.Sum(c => c.Count), Count(RecipientStatus.Sent), Count(RecipientStatus.Failed), Count(RecipientStatus.Skipped),
                Count(RecipientStatus.Pending), Count(RecipientStatus.Cancelled), ByReason(RecipientStatus.Failed), ByReason(RecipientStatus.Skipped));
        }).ToList();
    }

    private static async Task<NotificationJob> FindAsync(WishDbContext db, Guid id, CancellationToken ct) =>
        await db.NotificationJobs.FirstOrDefaultAsync(j => j.Id == id, ct) ?? throw new NotFoundException(DomainErrorCodes.NotificationNotFound, "找不到该通知任务。");
}
