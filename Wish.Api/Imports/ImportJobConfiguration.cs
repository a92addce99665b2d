using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WeChatWish.Domain;

namespace WeChatWish.Api.Imports;

public sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> builder)
    {
        builder.ToTable("ImportJobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).ValueGeneratedNever();
        builder.Property(j => j.StaffUserName).HasMaxLength(ImportJob.UserNameMaxLength);
        builder.Property(j => j.DistrictCode).HasMaxLength(District.CodeMaxLength);
        builder.Property(j => j.FileName).HasMaxLength(ImportJob.FileNameMaxLength);
        builder.Property(j => j.ContentType).HasMaxLength(ImportJob.FileNameMaxLength);
        builder.Property(j => j.ErrorsJson).HasColumnType("jsonb");
        builder.Property(j => j.Message).HasMaxLength(ImportJob.MessageMaxLength);
        builder.Property(j => j.Encoding).HasMaxLength(16);
        builder.Property(j => j.FirstCode).HasMaxLength(WishCode.MaxLength);
        builder.Property(j => j.LastCode).HasMaxLength(WishCode.MaxLength);
        builder.Property(j => j.LeaseOwner).HasMaxLength(ImportJob.LeaseOwnerMaxLength);
        // The claim looks for queued jobs and running ones whose lease ran out; the list pages newest first.
        builder.HasIndex(j => new { j.Status, j.CreatedAt });
        builder.HasIndex(j => j.CreatedAt);
    }
}
