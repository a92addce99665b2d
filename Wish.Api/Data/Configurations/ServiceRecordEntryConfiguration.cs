using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WeChatWish.Domain;

namespace WeChatWish.Api.Data.Configurations;

public sealed class ServiceRecordEntryConfiguration : IEntityTypeConfiguration<ServiceRecordEntry>
{
    public void Configure(EntityTypeBuilder<ServiceRecordEntry> builder)
    {
        builder.ToTable("ServiceRecordEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Place).HasMaxLength(ServiceRecordEntry.PlaceMaxLength);
        builder.Property(e => e.Content).HasMaxLength(ServiceRecordEntry.ContentMaxLength);
        builder.Property(e => e.Witness).HasMaxLength(ServiceRecordEntry.WitnessMaxLength);
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(e => e.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Claim>().WithMany().HasForeignKey(e => e.ClaimId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.VolunteerId, e.At });
        // A volunteer's final minutes read from the index alone: an organisation's statistics sum them over thousands of members.
        builder.HasIndex(e => e.VolunteerId).IncludeProperties(e => e.Minutes).HasFilter("\"IsFinal\"").HasDatabaseName("IX_ServiceRecordEntries_FinalMinutes");
        // One passbook line per shift attended: a second confirmation corrects the line instead of adding one.
        builder.HasOne<SignUp>().WithMany().HasForeignKey(e => e.SignUpId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => e.SignUpId).IsUnique().HasFilter("\"SignUpId\" IS NOT NULL");
    }
}
