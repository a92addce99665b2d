using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WeChatWish.Api.Data.Configurations;

public sealed class WishCodeCounterConfiguration : IEntityTypeConfiguration<WishCodeCounter>
{
    public void Configure(EntityTypeBuilder<WishCodeCounter> builder)
    {
        builder.ToTable(WishCodeCounter.TableName);
        builder.HasKey(c => c.Round);
        builder.Property(c => c.Round).ValueGeneratedNever();
    }
}
