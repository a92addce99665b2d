using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WeChatWish.Api.Data.ReadModels;
using WeChatWish.Domain;

namespace WeChatWish.Api.Data.Configurations;

public sealed class OrganisationSubtreeMemberConfiguration : IEntityTypeConfiguration<OrganisationSubtreeMember>
{
    public void Configure(EntityTypeBuilder<OrganisationSubtreeMember> builder)
    {
        builder.ToTable("OrganisationSubtreeMembers");
        builder.HasKey(m => new { m.OrganisationId, m.VolunteerId });
        builder.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(m => m.VolunteerId).OnDelete(DeleteBehavior.Cascade);
        // A changed total is copied to the volunteer's rows (one for each node they are under) by this index.
        builder.HasIndex(m => m.VolunteerId);
    }
}

public sealed class VolunteerClaimTotalConfiguration : IEntityTypeConfiguration<VolunteerClaimTotal>
{
    public void Configure(EntityTypeBuilder<VolunteerClaimTotal> builder)
    {
        builder.ToTable("VolunteerClaimTotals");
        builder.HasKey(t => t.VolunteerId);
        builder.Property(t => t.VolunteerId).ValueGeneratedNever();
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(t => t.VolunteerId).OnDelete(DeleteBehavior.Cascade);
    }
}
