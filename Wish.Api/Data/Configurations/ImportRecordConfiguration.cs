using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WeChatWish.Api.Staff.Entry;

namespace WeChatWish.Api.Data.Configurations;

public sealed class ImportRecordConfiguration : IEntityTypeConfiguration<ImportRecord>
{
    public void Configure(EntityTypeBuilder<ImportRecord> builder)
    {
        builder.ToTable("ImportRecords");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.StaffUserName).HasMaxLength(ImportRecord.UserNameMaxLength);
        builder.Property(r => r.DistrictCode).HasMaxLength(WeChatWish.Domain.District.CodeMaxLength);
        builder.Property(r => r.FileName).HasMaxLength(ImportRecord.FileNameMaxLength);
        builder.HasIndex(r => r.At);
    }
}
