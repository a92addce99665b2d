using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Privacy;

/// <summary>
/// The free text tied to an erased beneficiary's wishes: on the wishes and their history, their claims, fulfilments and follow-ups,
/// the volunteers' service-record lines for them, and the audit lines about them. Rows, statuses, dates, costs and minutes stay, so
/// statistics and the audit trail keep their shape; only what people wrote goes.
/// </summary>
public static class WishTextEraser
{
    /// <param name="wishes">The beneficiary's wishes, with their history loaded.</param>
    /// <param name="claims">Every claim on those wishes, whatever its status.</param>
    public static async Task EraseAsync(WishDbContext db, IReadOnlyList<Wish> wishes, IReadOnlyList<Claim> claims,
        IReadOnlyCollection<string> personalDetails, CancellationToken cancellationToken)
    {
        var wishIds = wishes.Select(w => w.Id).ToList();
        var claimIds = claims.Select(c => c.Id).ToList();
        foreach (var wish in wishes) wish.ErasePersonalText(personalDetails);
        foreach (var claim in claims) claim.EraseReason();
        foreach (var fulfilment in await db.Fulfilments.Where(f => claimIds.Contains(f.ClaimId)).ToListAsync(cancellationToken))
            fulfilment.Erase();
        foreach (var followUp in await db.FollowUps.Where(f => wishIds.Contains(f.WishId)).ToListAsync(cancellationToken))
            followUp.EraseNotes();
        var claimKeys = claimIds.Select(id => (Guid?)id).ToList();
        foreach (var entry in await db.ServiceRecordEntries.Where(e => claimKeys.Contains(e.ClaimId)).ToListAsync(cancellationToken))
            entry.ScrubPersonalDetails(personalDetails);

        var wishRecords = wishIds.Select(id => id.ToString()).ToList();
        var claimRecords = claimIds.Select(id => id.ToString()).ToList();
        var lines = await db.AuditEntries.Where(a => a.Details != null &&
                ((a.EntityType == nameof(Wish) && wishRecords.Contains(a.EntityId)) ||
                 (a.EntityType == nameof(Claim) && claimRecords.Contains(a.EntityId))))
            .ToListAsync(cancellationToken);
        foreach (var line in lines) line.Redact(Redacted(line.Action, line.Details!));
    }

    /// <summary>
    /// Details the system composed from codes and figures stay; where staff's words follow a code or the flags ("W202612-0001: …",
    /// "over_soft_cost_limit: …") only the words go; any other detail on these records is a note copied from a status change.
    /// </summary>
    private static string Redacted(string action, string details) => action switch
    {
        "wish.moved_to_round" or "follow_up.recorded" => details,
        "wish.flag_overridden" or "claim.revoked" when details.IndexOf(": ", StringComparison.Ordinal) is var at and >= 0 =>
            details[..(at + 2)] + ErasedText.Marker,
        _ => ErasedText.Marker,
    };
}
