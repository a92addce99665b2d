using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WeChatWish.Domain;

namespace WeChatWish.Api.Data.Configurations;

public sealed class BeneficiaryConfiguration : IEntityTypeConfiguration<Beneficiary>
{
    public void Configure(EntityTypeBuilder<Beneficiary> builder)
    {
        builder.ToTable("Beneficiaries");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Name).HasMaxLength(Beneficiary.NameMaxLength);
        builder.Property(b => b.Phone).HasMaxLength(Beneficiary.PhoneMaxLength);
        builder.Property(b => b.Address).HasMaxLength(Beneficiary.AddressMaxLength);
        builder.Property(b => b.IdNumber).HasMaxLength(Beneficiary.IdNumberMaxLength);
        builder.Property(b => b.OpenId).HasMaxLength(Beneficiary.OpenIdMaxLength);
        builder.Property(b => b.DistrictCode).HasMaxLength(District.CodeMaxLength);

        // One beneficiary per WeChat user; hotline beneficiaries (null) are not constrained.
        builder.HasIndex(b => b.OpenId).IsUnique();
        builder.HasIndex(b => b.Phone);
    }
}
