using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WeChatWish.Domain;

namespace WeChatWish.Api.Pairings;

public sealed class PairingConfiguration : IEntityTypeConfiguration<Pairing>
{
    public void Configure(EntityTypeBuilder<Pairing> builder)
    {
        builder.ToTable("Pairings");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.DistrictCode).HasMaxLength(District.CodeMaxLength);
        builder.Property(p => p.Content).HasMaxLength(Pairing.ContentMaxLength);
        builder.Property(p => p.EndReason).HasMaxLength(Pairing.ReasonMaxLength);
        builder.Ignore(p => p.Holder);
        builder.Ignore(p => p.IsActive);
        builder.HasOne<Beneficiary>().WithMany().HasForeignKey(p => p.BeneficiaryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(p => p.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        // A pairing may belong to a project of the library (项目库); the project is never deleted under it.
        builder.HasOne<Project>().WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.ProjectId);
        // The overdue list and the reminder pass: active pairings by due date.
        builder.HasIndex(p => new { p.Status, p.NextDueOn });
        builder.HasIndex(p => p.VolunteerId);
        builder.HasIndex(p => p.OrganisationId);
        builder.HasIndex(p => p.BeneficiaryId);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Pairings_OneHolder", "(\"VolunteerId\" IS NULL) <> (\"OrganisationId\" IS NULL)");
            t.HasCheckConstraint("CK_Pairings_Period", "\"EndsOn\" IS NULL OR \"EndsOn\" >= \"StartsOn\"");
            t.HasCheckConstraint("CK_Pairings_EveryDays", "\"EveryDays\" >= 1");
        });
    }
}

public sealed class PairingVisitConfiguration : IEntityTypeConfiguration<PairingVisit>
{
    public void Configure(EntityTypeBuilder<PairingVisit> builder)
    {
        builder.ToTable("PairingVisits");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Content).HasMaxLength(PairingVisit.ContentMaxLength);
        builder.HasOne<Pairing>().WithMany().HasForeignKey(v => v.PairingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(v => v.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ServiceRecordEntry>().WithMany().HasForeignKey(v => v.ServiceRecordEntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => new { v.PairingId, v.At });
    }
}

public sealed class PairingHandoverConfiguration : IEntityTypeConfiguration<PairingHandover>
{
    public void Configure(EntityTypeBuilder<PairingHandover> builder)
    {
        builder.ToTable("PairingHandovers");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Reason).HasMaxLength(Pairing.ReasonMaxLength);
        builder.HasOne<Pairing>().WithMany().HasForeignKey(h => h.PairingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(h => new { h.PairingId, h.At });
    }
}

internal static class PairingSets
{
    public static DbSet<Pairing> Pairings(this Data.WishDbContext db) => db.Set<Pairing>();

    public static DbSet<PairingVisit> PairingVisits(this Data.WishDbContext db) => db.Set<PairingVisit>();

    public static DbSet<PairingHandover> PairingHandovers(this Data.WishDbContext db) => db.Set<PairingHandover>();
}
