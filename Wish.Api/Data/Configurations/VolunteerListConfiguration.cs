using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WeChatWish.Api.Data.ReadModels;
using WeChatWish.Domain;

namespace WeChatWish.Api.Data.Configurations;

public sealed class VolunteerDistrictCountConfiguration : IEntityTypeConfiguration<VolunteerDistrictCount>
{
    public void Configure(EntityTypeBuilder<VolunteerDistrictCount> builder)
    {
        builder.ToTable("VolunteerDistrictCounts");
        builder.HasKey(c => new { c.DistrictCode, c.Slot });
        builder.Property(c => c.DistrictCode).HasMaxLength(District.CodeMaxLength);
    }
}

public sealed class VolunteerYearMinutesConfiguration : IEntityTypeConfiguration<VolunteerYearMinutes>
{
    public void Configure(EntityTypeBuilder<VolunteerYearMinutes> builder)
    {
        builder.ToTable("VolunteerYearMinutes");
        builder.HasKey(t => new { t.VolunteerId, t.Year });
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(t => t.VolunteerId).OnDelete(DeleteBehavior.Cascade);
    }
}
