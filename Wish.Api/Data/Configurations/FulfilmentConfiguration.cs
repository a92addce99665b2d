using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WeChatWish.Domain;

namespace WeChatWish.Api.Data.Configurations;

public sealed class FulfilmentConfiguration : IEntityTypeConfiguration<Fulfilment>
{
    public void Configure(EntityTypeBuilder<Fulfilment> builder)
    {
        builder.ToTable("Fulfilments");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.Note).HasMaxLength(Fulfilment.NoteMaxLength);
        builder.PrimitiveCollection(f => f.PhotoUrls);
        builder.HasOne<Claim>().WithOne().HasForeignKey<Fulfilment>(f => f.ClaimId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Wish>().WithMany().HasForeignKey(f => f.WishId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(f => f.VolunteerId).OnDelete(DeleteBehavior.Restrict);
    }
}
