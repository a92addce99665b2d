using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WeChatWish.Api.Data.Configurations;
using WeChatWish.Domain;

namespace WeChatWish.Api.Projects;

public sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.ToTable("Projects", t => t.HasCheckConstraint("CK_Projects_Rating",
            $"\"{nameof(Project.Rating)}\" IS NULL OR \"{nameof(Project.Rating)}\" BETWEEN {Project.MinRating} AND {Project.MaxRating}"));
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        // Two staff approving or closing at once: the second save fails on xmin (409) instead of overwriting the first.
        builder.Property<uint>(WishConfiguration.ConcurrencyToken).IsRowVersion();
        builder.Property(p => p.Name).HasMaxLength(Project.NameMaxLength);
        builder.Property(p => p.Need).HasMaxLength(Project.NeedMaxLength);
        builder.Property(p => p.FrequencyNote).HasMaxLength(Project.FrequencyNoteMaxLength);
        builder.Property(p => p.Place).HasMaxLength(Project.PlaceMaxLength);
        builder.Property(p => p.Content).HasMaxLength(Project.ContentMaxLength);
        builder.Property(p => p.DistrictCode).HasMaxLength(District.CodeMaxLength);
        builder.Property(p => p.Evaluation).HasMaxLength(Project.EvaluationMaxLength);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<District>().WithMany().HasForeignKey(p => p.DistrictCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Roster).WithOne().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Roster).HasField("_roster").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(p => p.CurrentRoster);
        // An activity of a project: the FK lives on Activities, declared here so the activity feature need not know projects.
        builder.HasMany<Activity>().WithOne().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Restrict);
        // The staff list: by status tab within a district, newest first.
        builder.HasIndex(p => new { p.DistrictCode, p.Status, p.ProposedAt });
        builder.HasIndex(p => p.OrganisationId);
    }
}

public sealed class ProjectBeneficiaryConfiguration : IEntityTypeConfiguration<ProjectBeneficiary>
{
    public const string OneCurrentEntryIndex = "IX_ProjectBeneficiaries_OneCurrent";

    public void Configure(EntityTypeBuilder<ProjectBeneficiary> builder)
    {
        builder.ToTable("ProjectBeneficiaries");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<Beneficiary>().WithMany().HasForeignKey(r => r.BeneficiaryId).OnDelete(DeleteBehavior.Restrict);
        // A person is on a roster once at a time, whatever two staff do at once; removed entries stay as history.
        builder.HasIndex(r => new { r.ProjectId, r.BeneficiaryId }).IsUnique()
            .HasFilter($"\"{nameof(ProjectBeneficiary.RemovedAt)}\" IS NULL").HasDatabaseName(OneCurrentEntryIndex);
        builder.HasIndex(r => r.BeneficiaryId);
    }
}
