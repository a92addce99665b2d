using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WeChatWish.Domain;

namespace WeChatWish.Api.Data.Configurations;

public sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> builder)
    {
        builder.ToTable("LedgerEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Reason).HasMaxLength(LedgerEntry.ReasonMaxLength);
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(e => e.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.VolunteerId, e.At });
        builder.HasIndex(e => e.SourceId);
    }
}

public sealed class LoveBankAccountConfiguration : IEntityTypeConfiguration<LoveBankAccount>
{
    public void Configure(EntityTypeBuilder<LoveBankAccount> builder)
    {
        // The balance never goes negative, whatever races: a debit that would is refused by the row's own check.
        builder.ToTable("LoveBankAccounts", t => t.HasCheckConstraint("CK_LoveBankAccounts_Balance", "\"Balance\" >= 0"));
        builder.HasKey(a => a.VolunteerId);
        builder.HasOne<Volunteer>().WithOne().HasForeignKey<LoveBankAccount>(a => a.VolunteerId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RewardConfiguration : IEntityTypeConfiguration<Reward>
{
    public void Configure(EntityTypeBuilder<Reward> builder)
    {
        builder.ToTable("Rewards", t => t.HasCheckConstraint("CK_Rewards_Remaining", "\"Remaining\" IS NULL OR \"Remaining\" >= 0"));
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Name).HasMaxLength(Reward.NameMaxLength);
        builder.Property(r => r.Partner).HasMaxLength(Reward.PartnerMaxLength);
        builder.HasIndex(r => r.CreatedAt);
    }
}

public sealed class RedemptionConfiguration : IEntityTypeConfiguration<Redemption>
{
    public void Configure(EntityTypeBuilder<Redemption> builder)
    {
        builder.ToTable("Redemptions");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Code).HasMaxLength(Redemption.CodeLength);
        builder.HasIndex(r => r.Code).IsUnique();
        builder.HasOne<Reward>().WithMany().HasForeignKey(r => r.RewardId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(r => r.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.VolunteerId, r.RewardId });
        builder.HasIndex(r => r.ExpiresAt).HasFilter(Sql.Is(nameof(Redemption.Status), RedemptionStatus.Reserved))
            .HasDatabaseName("IX_Redemptions_Reserved_ExpiresAt");
    }
}
