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
    }
}
