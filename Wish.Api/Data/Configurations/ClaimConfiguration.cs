using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WeChatWish.Domain;

namespace WeChatWish.Api.Data.Configurations;

public sealed class ClaimConfiguration : IEntityTypeConfiguration<Claim>
{
    /// <summary>The database's guarantee of DESIGN.md §4: at most one active claim per wish, whatever Redis says.</summary>
    public const string OneActiveClaimPerWishIndex = "IX_Claims_OneActivePerWish";

    public void Configure(EntityTypeBuilder<Claim> builder)
    {
        builder.ToTable("Claims");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.EndReason).HasMaxLength(Claim.ReasonMaxLength);

        builder.HasOne<Wish>().WithMany().HasForeignKey(c => c.WishId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(c => c.VolunteerId).OnDelete(DeleteBehavior.Restrict);

        var active = Sql.Is(nameof(Claim.Status), ClaimStatus.Active);
        builder.HasIndex(c => c.WishId).IsUnique().HasFilter(active).HasDatabaseName(OneActiveClaimPerWishIndex);
        builder.HasIndex(c => new { c.VolunteerId, c.Status });
        builder.HasIndex(c => c.DueAt).HasFilter(active).HasDatabaseName("IX_Claims_Active_DueAt");
        // A team claim's organisation: a leader's list of the subtree's claims starts here.
        builder.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.OrganisationId).HasFilter("\"OrganisationId\" IS NOT NULL");
    }
}

public sealed class ClaimMemberConfiguration : IEntityTypeConfiguration<ClaimMember>
{
    public void Configure(EntityTypeBuilder<ClaimMember> builder)
    {
        builder.ToTable("ClaimMembers");
        builder.HasKey(m => new { m.ClaimId, m.VolunteerId });
        builder.HasOne<Claim>().WithMany().HasForeignKey(m => m.ClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(m => m.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        // A member's own list of the team claims they are on.
        builder.HasIndex(m => m.VolunteerId);
    }
}
