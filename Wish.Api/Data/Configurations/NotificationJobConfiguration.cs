using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WeChatWish.Api.Notifications;

namespace WeChatWish.Api.Data.Configurations;

public sealed class NotificationJobConfiguration : IEntityTypeConfiguration<NotificationJob>
{
    public void Configure(EntityTypeBuilder<NotificationJob> builder)
    {
        builder.ToTable("NotificationJobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.TemplateKey).HasMaxLength(64);
        builder.Property(j => j.TemplateId).HasMaxLength(NotificationJob.TemplateIdMaxLength);
        builder.Property(j => j.DataJson).HasColumnType("jsonb");
        builder.Property(j => j.Url).HasMaxLength(NotificationJob.LinkMaxLength);
        builder.Property(j => j.Page).HasMaxLength(NotificationJob.LinkMaxLength);
        builder.Property(j => j.Source).HasMaxLength(100);
        builder.HasIndex(j => j.CreatedAt);
    }
}
