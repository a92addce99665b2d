using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WeChatWish.Api.Staff.Rounds;
using WeChatWish.Domain;

namespace WeChatWish.Api.Data.Configurations;

public sealed class ScheduledPublicationConfiguration : IEntityTypeConfiguration<ScheduledPublication>
{
    public void Configure(EntityTypeBuilder<ScheduledPublication> builder)
    {
        builder.ToTable("ScheduledPublications");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.DistrictCode).HasMaxLength(District.CodeMaxLength);
        builder.HasIndex(p => p.At).HasFilter(Sql.Is(nameof(ScheduledPublication.Status), ScheduledPublicationStatus.Pending))
            .HasDatabaseName("IX_ScheduledPublications_Pending_At");
        builder.HasIndex(p => p.Round);
    }
}
