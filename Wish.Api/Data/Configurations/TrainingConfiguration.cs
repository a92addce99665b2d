using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WeChatWish.Domain;

namespace WeChatWish.Api.Data.Configurations;

public sealed class TrainingSessionConfiguration : IEntityTypeConfiguration<TrainingSession>
{
    public void Configure(EntityTypeBuilder<TrainingSession> builder)
    {
        builder.ToTable("TrainingSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Course).HasMaxLength(TrainingSession.CourseMaxLength);
        builder.Property(s => s.Title).HasMaxLength(TrainingSession.TitleMaxLength);
        builder.Property(s => s.Place).HasMaxLength(TrainingSession.PlaceMaxLength);
        builder.Property(s => s.DistrictCode).HasMaxLength(District.CodeMaxLength);
        builder.HasIndex(s => s.StartsAt);
    }
}

public sealed class TrainingCertificateConfiguration : IEntityTypeConfiguration<TrainingCertificate>
{
    public void Configure(EntityTypeBuilder<TrainingCertificate> builder)
    {
        builder.ToTable("TrainingCertificates");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Course).HasMaxLength(TrainingSession.CourseMaxLength);
        builder.HasOne<TrainingSession>().WithMany().HasForeignKey(c => c.SessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(c => c.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        // One certificate per session attended: recording attendance twice changes nothing.
        builder.HasIndex(c => new { c.SessionId, c.VolunteerId }).IsUnique();
        builder.HasIndex(c => new { c.VolunteerId, c.Course });
    }
}

public sealed class CommendationConfiguration : IEntityTypeConfiguration<Commendation>
{
    public void Configure(EntityTypeBuilder<Commendation> builder)
    {
        builder.ToTable("Commendations");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Title).HasMaxLength(Commendation.TitleMaxLength);
        builder.Property(c => c.Citation).HasMaxLength(Commendation.CitationMaxLength);
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(c => c.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.VolunteerId, c.Year });
    }
}
