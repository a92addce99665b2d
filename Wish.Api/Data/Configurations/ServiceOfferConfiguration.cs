using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WeChatWish.Domain;

namespace WeChatWish.Api.Data.Configurations;

public sealed class ServiceOfferConfiguration : IEntityTypeConfiguration<ServiceOffer>
{
    public void Configure(EntityTypeBuilder<ServiceOffer> builder)
    {
        builder.ToTable("ServiceOffers");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        // Two reviewers publishing and rejecting the same offer at once: the second gets 409, not a silent overwrite.
        builder.Property<uint>(WishConfiguration.ConcurrencyToken).IsRowVersion();
        builder.Property(o => o.OpenId).HasMaxLength(Volunteer.OpenIdMaxLength);
        builder.Property(o => o.OffererName).HasMaxLength(ServiceOffer.NameMaxLength);
        builder.Property(o => o.What).HasMaxLength(ServiceOffer.WhatMaxLength);
        builder.Property(o => o.When).HasMaxLength(ServiceOffer.WhenMaxLength);
        builder.Property(o => o.DistrictCode).HasMaxLength(District.CodeMaxLength);
        builder.Property(o => o.RejectReason).HasMaxLength(ServiceOffer.ReasonMaxLength);
        builder.Ignore(o => o.DisplayName);
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(o => o.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(o => o.Matches).WithOne().HasForeignKey(m => m.OfferId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Matches).HasField("_matches").UsePropertyAccessMode(PropertyAccessMode.Field);
        // The staff list filters by status and district, newest first; browsing pages published offers by (PublishedAt, Id).
        builder.HasIndex(o => new { o.Status, o.DistrictCode, o.SubmittedAt });
        builder.HasIndex(o => new { o.PublishedAt, o.Id }).HasFilter(Sql.Is(nameof(ServiceOffer.Status), OfferStatus.Published))
            .HasDatabaseName("IX_ServiceOffers_Published_ByTime");
        builder.HasIndex(o => o.OpenId);
    }
}

public sealed class OfferMatchConfiguration : IEntityTypeConfiguration<OfferMatch>
{
    public void Configure(EntityTypeBuilder<OfferMatch> builder)
    {
        builder.ToTable("OfferMatches", t => t.HasCheckConstraint("CK_OfferMatches_Minutes", "\"CreditedMinutes\" IS NULL OR \"CreditedMinutes\" >= 1"));
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property<uint>(WishConfiguration.ConcurrencyToken).IsRowVersion();
        builder.Property(m => m.Note).HasMaxLength(OfferMatch.NoteMaxLength);
        builder.Property(m => m.ResidentName).HasMaxLength(ServiceOffer.NameMaxLength);
        // One request per volunteer per offer, whatever two taps at once do; one staff member records several residents' requests.
        builder.HasIndex(m => new { m.OfferId, m.RequestedBy }).IsUnique().HasFilter("\"ResidentName\" IS NULL");
    }
}
