using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WeChatWish.Domain;

namespace WeChatWish.Api.Data.Configurations;

public sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> builder)
    {
        builder.ToTable("FollowUps");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.Notes).HasMaxLength(FollowUp.NotesMaxLength);
        builder.HasOne<Wish>().WithMany().HasForeignKey(f => f.WishId).OnDelete(DeleteBehavior.Restrict);
    }
}
