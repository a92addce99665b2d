using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WeChatWish.Api.Data.ReadModels;
using WeChatWish.Domain;

namespace WeChatWish.Api.Data.Configurations;

public sealed class WishCountSummaryConfiguration : IEntityTypeConfiguration<WishCountSummary>
{
    public void Configure(EntityTypeBuilder<WishCountSummary> builder)
    {
        builder.ToTable("WishCountSummaries");
        // Round first: the statistics read one year's twelve rounds, optionally of one district.
        builder.HasKey(s => new { s.Round, s.Status, s.DistrictCode, s.Category, s.Slot });
        builder.Property(s => s.DistrictCode).HasMaxLength(District.CodeMaxLength);
        builder.Property(s => s.EstimatedCost).HasPrecision(18, 2);
    }
}

public sealed class MinuteSummaryConfiguration : IEntityTypeConfiguration<MinuteSummary>
{
    public void Configure(EntityTypeBuilder<MinuteSummary> builder)
    {
        builder.ToTable("MinuteSummaries");
        builder.HasKey(s => new { s.Month, s.DistrictCode, s.IsFinal, s.Slot });
        builder.Property(s => s.DistrictCode).HasMaxLength(District.CodeMaxLength);
    }
}

public sealed class VolunteerYearClaimConfiguration : IEntityTypeConfiguration<VolunteerYearClaim>
{
    public void Configure(EntityTypeBuilder<VolunteerYearClaim> builder)
    {
        builder.ToTable("VolunteerYearClaims");
        builder.HasKey(p => new { p.Year, p.DistrictCode, p.VolunteerId });
        builder.Property(p => p.DistrictCode).HasMaxLength(District.CodeMaxLength);
    }
}

public sealed class ActiveVolunteerCountConfiguration : IEntityTypeConfiguration<ActiveVolunteerCount>
{
    public void Configure(EntityTypeBuilder<ActiveVolunteerCount> builder)
    {
        builder.ToTable("ActiveVolunteerCounts");
        builder.HasKey(c => new { c.Year, c.DistrictCode, c.Slot });
        builder.Property(c => c.DistrictCode).HasMaxLength(District.CodeMaxLength);
    }
}
