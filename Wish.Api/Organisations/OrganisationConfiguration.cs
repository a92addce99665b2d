using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WeChatWish.Domain;

namespace WeChatWish.Api.Organisations;

public sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.ToTable("Organisations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Name).HasMaxLength(Organisation.NameMaxLength);
        builder.Property(o => o.DistrictCode).HasMaxLength(District.CodeMaxLength);
        // A subtree is a prefix of Path; the "C" collation lets LIKE 'prefix%' use the index.
        builder.Property(o => o.Path).HasMaxLength(Organisation.PathMaxLength).UseCollation("C");
        builder.HasIndex(o => o.Path).IsUnique();
        builder.HasIndex(o => new { o.ParentId, o.Name });
        builder.HasIndex(o => o.DistrictCode);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<District>().WithMany().HasForeignKey(o => o.DistrictCode).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class OrganisationMembershipConfiguration : IEntityTypeConfiguration<OrganisationMembership>
{
    public void Configure(EntityTypeBuilder<OrganisationMembership> builder)
    {
        builder.ToTable("OrganisationMemberships");
        builder.HasKey(m => new { m.OrganisationId, m.VolunteerId });
        builder.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(m => m.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        // A volunteer's own organisations and the nodes they lead, without reading every node's members.
        builder.HasIndex(m => new { m.VolunteerId, m.IsLeader });
        // A subtree's members read from the index alone (Xingtai: a station's 12,000 rows are spread over the whole table).
        builder.HasIndex(m => m.OrganisationId).IncludeProperties(m => new { m.Status, m.VolunteerId, m.IsLeader })
            .HasDatabaseName("IX_OrganisationMemberships_Members");
    }
}
