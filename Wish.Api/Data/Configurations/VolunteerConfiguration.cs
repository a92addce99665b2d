using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WeChatWish.Domain;

namespace WeChatWish.Api.Data.Configurations;

public sealed class VolunteerConfiguration : IEntityTypeConfiguration<Volunteer>
{
    public void Configure(EntityTypeBuilder<Volunteer> builder)
    {
        builder.ToTable("Volunteers");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.OpenId).HasMaxLength(Volunteer.OpenIdMaxLength);
        builder.HasIndex(v => v.OpenId).IsUnique();
        builder.Property(v => v.Name).HasMaxLength(Volunteer.NameMaxLength);
        builder.Property(v => v.Phone).HasMaxLength(Volunteer.PhoneMaxLength);
        builder.PrimitiveCollection(v => v.Specialties);
        builder.Property(v => v.ServiceIntent).HasMaxLength(Volunteer.ServiceIntentMaxLength);
        builder.Property(v => v.DistrictCode).HasMaxLength(District.CodeMaxLength);
        builder.Property(v => v.Organisation).HasMaxLength(Volunteer.OrganisationMaxLength);
        builder.HasIndex(v => v.DistrictCode);
        // The staff list's order, newest first, with and without a district: its first page is the index's first 20 entries.
        builder.HasIndex(v => new { v.CreatedAt, v.Id }).IsDescending(true, false).HasDatabaseName("IX_Volunteers_Newest");
        builder.HasIndex(v => new { v.DistrictCode, v.CreatedAt, v.Id }).IsDescending(false, true, false).HasDatabaseName("IX_Volunteers_District_Newest");
        // The list's search: a name containing q (LIKE '%q%') and a phone starting with q (LIKE 'q%') by pg_trgm.
        builder.HasIndex(v => v.Name).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("IX_Volunteers_Name_Trigram");
        builder.HasIndex(v => v.Phone).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("IX_Volunteers_Phone_Trigram");
    }
}
