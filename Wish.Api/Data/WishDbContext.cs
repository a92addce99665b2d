using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data.Configurations;
using WeChatWish.Domain;

namespace WeChatWish.Api.Data;

/// <summary>
/// The PostgreSQL store. Mappings live in <c>Data/Configurations</c>, one per entity. Add a migration with
/// <c>dotnet ef migrations add &lt;Name&gt; --project Wish.Api --output-dir Data/Migrations</c> (after <c>dotnet tool restore</c>).
/// </summary>
public sealed class WishDbContext(DbContextOptions<WishDbContext> options) : DbContext(options)
{
    public DbSet<Wish> Wishes => Set<Wish>();

    public DbSet<WishStatusChange> WishStatusChanges => Set<WishStatusChange>();

    public DbSet<Claim> Claims => Set<Claim>();

    public DbSet<ClaimMember> ClaimMembers => Set<ClaimMember>();

    public DbSet<Fulfilment> Fulfilments => Set<Fulfilment>();

    public DbSet<FollowUp> FollowUps => Set<FollowUp>();

    public DbSet<Beneficiary> Beneficiaries => Set<Beneficiary>();

    public DbSet<Follower> Followers => Set<Follower>();

    public DbSet<Volunteer> Volunteers => Set<Volunteer>();

    public DbSet<ServiceRecordEntry> ServiceRecordEntries => Set<ServiceRecordEntry>();

    /// <summary>Per-volunteer passbook totals kept by a trigger (read only).</summary>
    public DbSet<ReadModels.VolunteerMinuteTotal> VolunteerMinuteTotals => Set<ReadModels.VolunteerMinuteTotal>();

    public DbSet<ReadModels.VolunteerClaimTotal> VolunteerClaimTotals => Set<ReadModels.VolunteerClaimTotal>();

    public DbSet<ReadModels.OrganisationSubtreeMember> OrganisationSubtreeMembers => Set<ReadModels.OrganisationSubtreeMember>();

    /// <summary>The statistics page's summaries, kept by triggers (read only; migration StatsSummaries).</summary>
    public DbSet<ReadModels.WishCountSummary> WishCountSummaries => Set<ReadModels.WishCountSummary>();

    public DbSet<ReadModels.MinuteSummary> MinuteSummaries => Set<ReadModels.MinuteSummary>();

    public DbSet<ReadModels.VolunteerYearClaim> VolunteerYearClaims => Set<ReadModels.VolunteerYearClaim>();

    public DbSet<ReadModels.ActiveVolunteerCount> ActiveVolunteerCounts => Set<ReadModels.ActiveVolunteerCount>();

    /// <summary>Named volunteers per district, in slots, kept by a trigger (read only).</summary>
    public DbSet<ReadModels.VolunteerDistrictCount> VolunteerDistrictCounts => Set<ReadModels.VolunteerDistrictCount>();

    /// <summary>Per-volunteer final minutes of each China-time year, kept by a trigger (read only).</summary>
    public DbSet<ReadModels.VolunteerYearMinutes> VolunteerYearMinutes => Set<ReadModels.VolunteerYearMinutes>();

    public DbSet<District> Districts => Set<District>();

    public DbSet<StaffUser> StaffUsers => Set<StaffUser>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<WishCodeCounter> WishCodeCounters => Set<WishCodeCounter>();

    public DbSet<Staff.Rounds.ScheduledPublication> ScheduledPublications => Set<Staff.Rounds.ScheduledPublication>();

    public DbSet<Notifications.NotificationJob> NotificationJobs => Set<Notifications.NotificationJob>();

    public DbSet<Notifications.NotificationRecipient> NotificationRecipients => Set<Notifications.NotificationRecipient>();

    public DbSet<Staff.Entry.ImportRecord> ImportRecords => Set<Staff.Entry.ImportRecord>();

    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();

    public DbSet<Activity> Activities => Set<Activity>();

    public DbSet<Shift> Shifts => Set<Shift>();

    public DbSet<SignUp> SignUps => Set<SignUp>();

    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();

    public DbSet<LoveBankAccount> LoveBankAccounts => Set<LoveBankAccount>();

    public DbSet<Reward> Rewards => Set<Reward>();

    public DbSet<Redemption> Redemptions => Set<Redemption>();

    public DbSet<TrainingSession> TrainingSessions => Set<TrainingSession>();

    public DbSet<TrainingCertificate> TrainingCertificates => Set<TrainingCertificate>();

    public DbSet<Commendation> Commendations => Set<Commendation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Trigram indexes serve the volunteer list's name and phone search (VolunteerConfiguration).
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WishDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name so the data reads on its own; Urgency and WishFlags opt out in WishConfiguration.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<Actor>().HaveConversion<ActorConverter>().HaveMaxLength(Actor.StoredMaxLength);
        configurationBuilder.Properties<Round>().HaveConversion<RoundConverter>();
    }
}
