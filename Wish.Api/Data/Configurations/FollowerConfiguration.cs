using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WeChatWish.Domain;

namespace WeChatWish.Api.Data.Configurations;

public sealed class FollowerConfiguration : IEntityTypeConfiguration<Follower>
{
    public void Configure(EntityTypeBuilder<Follower> builder)
    {
        builder.ToTable("Followers");
        builder.HasKey(f => f.OpenId);
        builder.Property(f => f.OpenId).HasMaxLength(Beneficiary.OpenIdMaxLength).ValueGeneratedNever();
        builder.Property(f => f.Scene).HasMaxLength(Follower.SceneMaxLength);
    }
}
