using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WeChatWish.Api.Notifications;

namespace WeChatWish.Api.Data.Configurations;

public sealed class NotificationRecipientConfiguration : IEntityTypeConfiguration<NotificationRecipient>
{
    public void Configure(EntityTypeBuilder<NotificationRecipient> builder)
    {
        builder.ToTable("NotificationRecipients");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Property(r => r.OpenId).HasMaxLength(64);
        builder.Property(r => r.Reason).HasMaxLength(64);
        builder.Property(r => r.ClaimedBy).HasMaxLength(64);
        builder.Property(r => r.DeliveryStatus).HasMaxLength(64);
        builder.HasOne<NotificationJob>().WithMany().HasForeignKey(r => r.JobId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.JobId, r.Status });
        // The dispatcher's queue: only pending rows, in due order.
        builder.HasIndex(r => new { r.DueAt, r.Id }).HasFilter("\"Status\" = 'Pending'").HasDatabaseName("IX_NotificationRecipients_Due");
        builder.HasIndex(r => r.TemplateMsgId).HasFilter("\"TemplateMsgId\" IS NOT NULL");
    }
}
