using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Api.Pairings;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Privacy;

/// <summary>
/// An erased beneficiary's pairings (结对帮扶): what was written about them (the pairing's content and end reason, every visit's
/// note and its passbook line, the hand-on reasons) goes; dates, minutes, holders and points stay, so the volunteers' records keep
/// their hours. A pairing still active cannot go on without a way to reach the person, so it ends.
/// </summary>
public static class PairingEraser
{
    /// <returns>How many active pairings were ended.</returns>
    public static async Task<int> EraseAsync(WishDbContext db, Guid beneficiaryId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pairings = await db.Pairings().Where(p => p.BeneficiaryId == beneficiaryId).ToListAsync(cancellationToken);
        var ids = pairings.Select(p => p.Id).ToList();
        var visits = await db.PairingVisits().Where(v => ids.Contains(v.PairingId)).ToListAsync(cancellationToken);
        var lineIds = visits.Where(v => v.ServiceRecordEntryId != null).Select(v => v.ServiceRecordEntryId).ToList();
        foreach (var line in await db.ServiceRecordEntries.Where(e => lineIds.Contains(e.Id)).ToListAsync(cancellationToken))
            line.ReplaceErasedContent(PairingVisit.PassbookContent(ErasedText.Marker));
        foreach (var visit in visits) visit.EraseContent();
        foreach (var handover in await db.PairingHandovers().Where(h => ids.Contains(h.PairingId)).ToListAsync(cancellationToken))
            handover.EraseReason();
        var ended = 0;
        foreach (var pairing in pairings)
        {
            pairing.ErasePersonalText();
            if (!pairing.IsActive) continue;
            pairing.End(reason, now);
            ended++;
        }
        return ended;
    }
}
