using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WeChatWish.Domain;

namespace WeChatWish.Api.Data.Configurations;

public sealed class WishConfiguration : IEntityTypeConfiguration<Wish>
{
    /// <summary>Shadow property mapped to PostgreSQL's xmin: a concurrent update of the same wish fails with DbUpdateConcurrencyException.</summary>
    public const string ConcurrencyToken = "Version";

    public void Configure(EntityTypeBuilder<Wish> builder)
    {
        builder.ToTable("Wishes");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property<uint>(ConcurrencyToken).IsRowVersion();

        builder.Property(w => w.Code).HasMaxLength(WishCode.MaxLength);
        builder.HasIndex(w => w.Code).IsUnique();
        builder.Property(w => w.DistrictCode).HasMaxLength(District.CodeMaxLength);
        builder.Property(w => w.Content).HasMaxLength(Wish.ContentMaxLength);
        builder.Property(w => w.MaskedContent).HasMaxLength(Wish.ContentMaxLength);
        builder.Property(w => w.EstimatedCost).HasPrecision(10, 2);
        // Numbers, not names: browsing sorts by urgency, and "flagged" is Flags <> 0.
        builder.Property(w => w.Urgency).HasConversion<int>();
        builder.Property(w => w.Flags).HasConversion<int>();
        builder.Property(w => w.ReviewNote).HasMaxLength(Wish.NoteMaxLength);
        builder.Property(w => w.OverrideReason).HasMaxLength(Wish.ReasonMaxLength);
        builder.Property(w => w.RejectReason).HasMaxLength(Wish.ReasonMaxLength);
        builder.Property(w => w.WithdrawReason).HasMaxLength(Wish.ReasonMaxLength);

        builder.OwnsMany(w => w.Photos, photos => photos.ToJson());
        builder.HasMany(w => w.History).WithOne().HasForeignKey(h => h.WishId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Beneficiary>().WithMany().HasForeignKey(w => w.BeneficiaryId).OnDelete(DeleteBehavior.Restrict);

        // Browsing (Browse/WishBrowser) reads these backwards — urgency, publication time, id, all descending — and pages with
        // the row comparison (Urgency, PublishedAt, Id) < cursor, which is an index range only when the key columns share one direction.
        var published = Sql.Is(nameof(Wish.Status), WishStatus.Published);
        builder.HasIndex(w => new { w.DistrictCode, w.Category, w.Urgency, w.PublishedAt, w.Id })
            .HasFilter(published)
            .HasDatabaseName("IX_Wishes_Published_ByDistrictCategory");
        builder.HasIndex(w => new { w.DistrictCode, w.Urgency, w.PublishedAt, w.Id })
            .HasFilter(published)
            .HasDatabaseName("IX_Wishes_Published_ByDistrict");
        builder.HasIndex(w => new { w.Urgency, w.PublishedAt, w.Id })
            .HasFilter(published)
            .HasDatabaseName("IX_Wishes_Published_All");
        builder.HasIndex(w => new { w.Status, w.SubmittedAt });
        builder.HasIndex(w => new { w.Round, w.Status });
        builder.HasIndex(w => new { w.BeneficiaryId, w.SubmittedAt });
    }
}
