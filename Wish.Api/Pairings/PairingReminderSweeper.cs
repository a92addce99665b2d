using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WeChatWish.Api.Data;
using WeChatWish.Api.Notifications;
using WeChatWish.Api.Organisations;
using WeChatWish.Domain;
using static WeChatWish.Api.Notifications.NotificationOptions;

namespace WeChatWish.Api.Pairings;

/// <summary>The <c>PairingJobs</c> section: the pass that reminds holders of overdue visits.</summary>
public sealed class PairingJobsOptions
{
    public const string SectionName = "PairingJobs";

    public bool Enabled { get; set; } = true;

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Queues one mini-program reminder per overdue due date: to the holding volunteer, or to the holding team's leaders. Safe on every
/// instance: pairings are taken with <c>FOR UPDATE SKIP LOCKED</c> (the lock visits and hand-ons take) and marked reminded for
/// that due date in the same transaction as their message, so a second pass, here or elsewhere, finds nothing to send.
/// </summary>
public sealed class PairingReminderSweeper(IServiceScopeFactory scopes, IOptions<NotificationOptions> options, WishRules rules, TimeProvider clock)
{
    public const int BatchSize = 200;

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
        var now = clock.GetUtcNow().ToUniversalTime();
        var today = Pairing.Today(now, rules.UtcOffset);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The filter is Pairing.IsOverdue and MarkReminded's, so every row a pass locks is reminded and leaves the set.
        var due = await db.Pairings().FromSql($"""
            SELECT * FROM "Pairings"
            WHERE "Status" = 'Active' AND "NextDueOn" < {today} AND ("EndsOn" IS NULL OR "NextDueOn" <= "EndsOn")
              AND ("RemindedForDueOn" IS NULL OR "RemindedForDueOn" <> "NextDueOn")
            ORDER BY "NextDueOn" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        var reminded = due.Where(p => p.MarkReminded(today)).ToList();
        foreach (var pairing in reminded) await EnqueueAsync(db, pairing, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return reminded.Count;
    }

    private async Task EnqueueAsync(WishDbContext db, Pairing pairing, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var openIds = pairing.VolunteerId is { } holder
            ? await db.Volunteers.Where(v => v.Id == holder).Select(v => v.OpenId).ToListAsync(cancellationToken)
            : await (from m in db.OrganisationMemberships()
                     join v in db.Volunteers on m.VolunteerId equals v.Id
                     where m.OrganisationId == pairing.OrganisationId && m.IsLeader && m.Status == MembershipStatus.Approved
                     select v.OpenId).ToListAsync(cancellationToken);
        if (openIds.Count == 0) return;
        var template = options.Value.Templates[Keys.PairingReminder];
        var data = new Dictionary<string, string>
        {
            ["title"] = "结对帮扶走访", ["time"] = pairing.NextDueOn.ToString("yyyy年M月d日"), ["place"] = pairing.Content ?? "结对帮扶",
            ["note"] = "走访已逾期，请尽快安排并记录",
        };
        var job = NotificationJob.Create(Keys.PairingReminder, template.TemplateId, template.Channel, TemplateText.Map(data, template.Fields), null,
            $"pages/pairings/index?id={pairing.Id}", "lifecycle", now);
        foreach (var openId in openIds.Distinct()) db.NotificationRecipients.Add(job.AddRecipient(openId, now));
        db.NotificationJobs.Add(job);
    }
}

/// <summary>Runs the reminder pass every <see cref="PairingJobsOptions.Interval"/> on every instance.</summary>
public sealed class PairingJobsService(PairingReminderSweeper reminders, TimeProvider clock, IOptions<PairingJobsOptions> options,
    ILogger<PairingJobsService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var reminded = await reminders.RunOnceAsync(stoppingToken);
                if (reminded > 0) logger.LogInformation("Pairing jobs: {Reminded} overdue reminders queued", reminded);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The next tick tries again; a lost pass only delays a reminder by one interval.
                logger.LogError(e, "Pairing reminder pass failed");
            }
        }
    }
}
