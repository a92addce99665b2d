using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Rounds;

/// <summary>The <c>StaffJobs</c> section.</summary>
public sealed class StaffJobsOptions
{
    public const string SectionName = "StaffJobs";

    /// <summary>Off in the test host, whose clock-dependent tests must not have their rounds moved under them.</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class StaffJobsOptionsValidator : IValidateOptions<StaffJobsOptions>
{
    public ValidateOptionsResult Validate(string? name, StaffJobsOptions options) => options.PollInterval <= TimeSpan.Zero
        ? ValidateOptionsResult.Fail("StaffJobs:PollInterval must be positive")
        : ValidateOptionsResult.Success;
}

/// <summary>
/// Runs due scheduled publications and the end-of-round roll-over on every instance: a due publication is taken with
/// FOR UPDATE SKIP LOCKED, so exactly one instance runs it; the roll-over takes an advisory lock.
/// </summary>
public sealed class RoundJobs(IServiceScopeFactory scopes, IOptions<StaffJobsOptions> options, TimeProvider clock, ILogger<RoundJobs> logger)
    : BackgroundService
{
    public static readonly Actor Actor = Actor.System("scheduled-publication");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                while (await RunDuePublicationAsync(scope.ServiceProvider, clock.GetUtcNow(), stoppingToken)) { }
                await scope.ServiceProvider.GetRequiredService<RoundRollover>().RunAsync(clock.GetUtcNow(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // A race with staff (409) or a database hiccup: the work is still due and is retried on the next tick.
                logger.LogWarning(e, "Round jobs failed; retrying in {Interval}", options.Value.PollInterval);
            }
            await Task.Delay(options.Value.PollInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Runs the earliest due publication, if any; true when one ran, so the caller looks for the next.</summary>
    public static async Task<bool> RunDuePublicationAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<WishDbContext>();
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = (await db.ScheduledPublications.FromSql($"""
            SELECT * FROM "ScheduledPublications" WHERE "Status" = {nameof(ScheduledPublicationStatus.Pending)} AND "At" <= {now}
            ORDER BY "At" LIMIT 1 FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken)).SingleOrDefault();
        // (The SQL orders and limits; First here would have EF warn of a First without OrderBy on every pass.)
        if (due is null) return false;

        var published = await services.GetRequiredService<RoundPublisher>().PublishAsync(due.Round, due.DistrictCode, due.RequestedBy, now, cancellationToken);
        due.Complete(published.Count, now);
        db.AuditEntries.Add(AuditEntry.Record(Actor, "round.published", "Round", due.Round.ToString(),
            $"scheduled by {due.RequestedBy} for {due.At:O}; district={due.DistrictCode ?? "all"}; published={published.Count}", now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
