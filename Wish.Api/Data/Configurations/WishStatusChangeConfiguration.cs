using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WeChatWish.Domain;

namespace WeChatWish.Api.Data.Configurations;

public sealed class WishStatusChangeConfiguration : IEntityTypeConfiguration<WishStatusChange>
{
    public void Configure(EntityTypeBuilder<WishStatusChange> builder)
    {
        builder.ToTable("WishStatusChanges");
        builder.HasKey(h => h.Id);
        // Ids are set by the domain; without this EF would take a new history row reached from a loaded wish for an existing one.
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Note).HasMaxLength(WishStatusChange.NoteMaxLength);
        builder.HasIndex(h => new { h.WishId, h.At });
    }
}
