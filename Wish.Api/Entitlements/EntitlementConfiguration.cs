using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WeChatWish.Domain;

namespace WeChatWish.Api.Entitlements;

public sealed class EntitlementProgrammeConfiguration : IEntityTypeConfiguration<EntitlementProgramme>
{
    public void Configure(EntityTypeBuilder<EntitlementProgramme> builder)
    {
        builder.ToTable("EntitlementProgrammes");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(EntitlementProgramme.NameMaxLength);
        builder.Property(p => p.Provider).HasMaxLength(EntitlementProgramme.ProviderMaxLength);
        builder.Property(p => p.Unit).HasMaxLength(EntitlementProgramme.UnitMaxLength);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_EntitlementProgrammes_Quotas", "\"PerWeek\" >= 1 AND \"PerMonth\" >= \"PerWeek\"");
            t.HasCheckConstraint("CK_EntitlementProgrammes_Validity", "\"ValidTo\" IS NULL OR \"ValidTo\" >= \"ValidFrom\"");
        });
    }
}

public sealed class EntitlementPersonConfiguration : IEntityTypeConfiguration<EntitlementPerson>
{
    public void Configure(EntityTypeBuilder<EntitlementPerson> builder)
    {
        builder.ToTable("EntitlementPeople");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(EntitlementPerson.NameMaxLength);
        builder.Property(p => p.WorkNumber).HasMaxLength(EntitlementPerson.WorkNumberMaxLength);
        builder.Property(p => p.Phone).HasMaxLength(EntitlementPerson.PhoneMaxLength);
        builder.Property(p => p.Team).HasMaxLength(EntitlementPerson.TeamMaxLength);
        builder.Property(p => p.CardToken).HasMaxLength(EntitlementPerson.CardTokenLength);
        builder.HasOne<EntitlementProgramme>().WithMany().HasForeignKey(p => p.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        // The counter finds a person by work number within the programme, or by card token anywhere: both unique.
        builder.HasIndex(p => new { p.ProgrammeId, p.WorkNumber }).IsUnique();
        builder.HasIndex(p => p.CardToken).IsUnique();
    }
}

public sealed class EntitlementRedemptionConfiguration : IEntityTypeConfiguration<EntitlementRedemption>
{
    public void Configure(EntityTypeBuilder<EntitlementRedemption> builder)
    {
        builder.ToTable("EntitlementRedemptions");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.UndoReason).HasMaxLength(EntitlementRedemption.UndoReasonMaxLength);
        builder.HasOne<EntitlementProgramme>().WithMany().HasForeignKey(r => r.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<EntitlementPerson>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.PersonId, r.At });
        builder.HasIndex(r => new { r.ProgrammeId, r.At });
        builder.ToTable(t => t.HasCheckConstraint("CK_EntitlementRedemptions_Items", "\"Items\" >= 1"));
    }
}
