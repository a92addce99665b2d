using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WeChatWish.Domain;

namespace WeChatWish.Api.Data.Configurations;

public sealed class DistrictConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> builder)
    {
        builder.ToTable("Districts");
        // The code is the key, hence unique; other tables keep it as plain text so test resets need not reseed districts first.
        builder.HasKey(d => d.Code);
        builder.Property(d => d.Code).HasMaxLength(District.CodeMaxLength).ValueGeneratedNever();
        builder.Property(d => d.Name).HasMaxLength(District.NameMaxLength);
    }
}
