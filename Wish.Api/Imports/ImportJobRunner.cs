using Microsoft.Extensions.Options;
using WeChatWish.Api.Data;
using WeChatWish.Api.Staff;
using WeChatWish.Api.Staff.Entry;
using WeChatWish.Domain;

namespace WeChatWish.Api.Imports;

/// <summary>The <c>ImportJobs</c> section.</summary>
public sealed class ImportJobOptions
{
    public const string SectionName = "ImportJobs";

    /// <summary>Off in the shared test host, whose tests run <see cref="ImportJobRunner.RunOnceAsync"/> themselves.</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a running job is its instance's without a progress write; a dead instance's job is taken again after it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    public int BatchSize { get; set; } = 1000;

    /// <summary>Takes of one job, counting the first, before a job that keeps dying with its instance is marked failed.</summary>
    public int MaxAttempts { get; set; } = 3;
}

public sealed class ImportJobOptionsValidator : IValidateOptions<ImportJobOptions>
{
    public ValidateOptionsResult Validate(string? name, ImportJobOptions o) =>
        o.PollInterval <= TimeSpan.Zero || o.Lease < TimeSpan.FromSeconds(5) || o.BatchSize is < 1 or > 10_000 || o.MaxAttempts < 1
            ? ValidateOptionsResult.Fail("ImportJobs: PollInterval > 0, Lease ≥ 5 s, BatchSize 1–10000 and MaxAttempts ≥ 1")
            : ValidateOptionsResult.Success;
}

/// <summary>
/// Runs import jobs on every instance, one at a time each (an import keeps a core busy): a job is claimed with FOR UPDATE SKIP LOCKED
/// and a lease, so exactly one instance runs it; a new job wakes this instance's runner at once, others find it by polling.
/// </summary>
public sealed class ImportJobRunner(IServiceScopeFactory scopes, IOptions<ImportJobOptions> options, TimeProvider clock,
    ILogger<ImportJobRunner> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly ImportJobOptions _options = options.Value;

    /// <summary>This instance's name on the jobs it holds.</summary>
    public string Instance { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    public void Wake()
    {
        try { _wake.Release(); }
        catch (SemaphoreFullException) { }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunOnceAsync(stoppingToken)) { }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The job keeps its lease and is taken again (by any instance) once it runs out.
                logger.LogWarning(e, "Import job failed; it is taken again when its lease runs out");
            }
            try { await _wake.WaitAsync(_options.PollInterval, stoppingToken); }
            catch (OperationCanceledException) { }
        }
    }

    /// <summary>
    /// Claims and runs one job; false when none was waiting. <paramref name="afterBatch"/> runs after each progress write (tests use it
    /// to act while a job is half checked).
    /// </summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken = default, Func<ImportProgress, Task>? afterBatch = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ImportJobStore>();
        var now = clock.GetUtcNow();
        var claimed = await store.ClaimAsync(Instance, now, now + _options.Lease, cancellationToken);
        if (claimed is null) return false;
        if (claimed.Attempts > _options.MaxAttempts)
        {
            await GiveUpAsync(scope.ServiceProvider, claimed, cancellationToken);
            return true;
        }
        if (claimed.Attempts > 1) logger.LogWarning("Import job {Job} resumed from the start (attempt {Attempt})", claimed.Id, claimed.Attempts);
        try
        {
            await scope.ServiceProvider.GetRequiredService<ImportJobProcessor>().RunAsync(claimed.Id, Instance, _options.BatchSize, async progress =>
            {
                var ours = await store.ReportAsync(claimed.Id, Instance, progress, clock.GetUtcNow() + _options.Lease, cancellationToken);
                if (afterBatch is not null) await afterBatch(progress);
                return ours;
            }, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down (nothing was committed): the job goes back at once, this take not counted, so another instance
            // need not wait out the lease.
            await using var release = scopes.CreateAsyncScope();
            await release.ServiceProvider.GetRequiredService<ImportJobStore>().ReleaseAsync(claimed.Id, Instance, clock.GetUtcNow(), CancellationToken.None);
            throw;
        }
        return true;
    }

    private async Task GiveUpAsync(IServiceProvider services, ClaimedImportJob claimed, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<WishDbContext>();
        var store = services.GetRequiredService<ImportJobStore>();
        var job = await db.ImportJobs.FindAsync([claimed.Id], cancellationToken);
        var now = clock.GetUtcNow();
        logger.LogError("Import job {Job} stopped after {Attempts} attempts", claimed.Id, claimed.Attempts);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var progress = new ImportProgress(job!.Rows, job.RowsChecked, job.RowsValid, job.ErrorRows, [], job.Encoding);
        if (await store.FinishAsync(claimed.Id, Instance, ImportJobStatus.Failed, progress, 0, null, null,
                $"导入中断了{claimed.Attempts - 1}次，已停止，所有行均未导入。请重新上传文件；如仍中断，请拆分文件后导入。", now, cancellationToken))
        {
            db.ImportRecords.Add(ImportRecord.Create(new CurrentStaff(job.StaffId, job.StaffUserName, job.StaffRole, job.DistrictCode), job.FileName,
                job.Rows ?? job.RowsChecked, 0, 1, now));
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
