using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WeChatWish.Api.Data;
using WeChatWish.Domain;
using static WeChatWish.Api.Notifications.NotificationOptions;

namespace WeChatWish.Api.Notifications;

/// <summary>
/// A beneficiary's erasure in the notification tables, run inside the erasure's transaction: their openid leaves the recipient rows
/// (messages not yet sent are cancelled, sent ones keep their outcome) and the follower list, and the revoke reasons staff wrote
/// to volunteers about their wishes are blanked.
/// </summary>
public sealed class NotificationErasure(WishDbContext db, IOptions<NotificationOptions> options)
{
    public const string CancelReason = "erased";

    public async Task EraseAsync(string? openId, IReadOnlyList<string> wishCodes, CancellationToken cancellationToken)
    {
        if (openId is not null)
        {
            await db.NotificationRecipients.Where(r => r.OpenId == openId && r.Status == RecipientStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RecipientStatus.Cancelled).SetProperty(r => r.Reason, CancelReason),
                    cancellationToken);
            await db.NotificationRecipients.Where(r => r.OpenId == openId)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.OpenId, ErasedText.Marker), cancellationToken);
            // The openid is what identifies them; a later follow adds them back as someone new.
            await db.Followers.Where(f => f.OpenId == openId).ExecuteDeleteAsync(cancellationToken);
        }
        if (wishCodes.Count == 0) return;

        // The revoke reason is the one lifecycle field staff write; it sits beside the wish's code in the template data.
        var fields = options.Value.Templates[Keys.ClaimRevoked].Fields;
        var codeKey = fields.GetValueOrDefault("code", "code");
        var noteKey = fields.GetValueOrDefault("note", "note");
        var codes = wishCodes.ToArray();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "NotificationJobs" SET "DataJson" = jsonb_set("DataJson", ARRAY[{noteKey}], to_jsonb({ErasedText.Marker}::text))
            WHERE "TemplateKey" = {Keys.ClaimRevoked} AND "DataJson" ->> {codeKey} = ANY({codes})
            """, cancellationToken);
    }
}
