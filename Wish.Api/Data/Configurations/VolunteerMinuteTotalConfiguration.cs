using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WeChatWish.Api.Data.ReadModels;
using WeChatWish.Domain;

namespace WeChatWish.Api.Data.Configurations;

public sealed class VolunteerMinuteTotalConfiguration : IEntityTypeConfiguration<VolunteerMinuteTotal>
{
    public void Configure(EntityTypeBuilder<VolunteerMinuteTotal> builder)
    {
        builder.ToTable("VolunteerMinuteTotals");
        builder.HasKey(t => t.VolunteerId);
        builder.Property(t => t.VolunteerId).ValueGeneratedNever();
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(t => t.VolunteerId).OnDelete(DeleteBehavior.Cascade);
        // Index-only sums of a subtree's members: the statistics read (VolunteerId, FinalMinutes) without the heap.
        builder.HasIndex(t => t.VolunteerId).IncludeProperties(t => t.FinalMinutes).HasDatabaseName("IX_VolunteerMinuteTotals_Final");
    }
}
