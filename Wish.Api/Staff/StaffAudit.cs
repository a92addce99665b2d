using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff;

/// <summary>
/// Audit lines for staff actions and reads of unmasked beneficiary data. They join the caller's unit of work, so an
/// action and its audit line commit together. Details never carry personal data: ids and codes only.
/// </summary>
public static class StaffAudit
{
    public const string BeneficiaryViewed = "beneficiary.viewed";
    public const string BeneficiaryExported = "beneficiary.exported";

    public static void Record(this WishDbContext db, CurrentStaff staff, string action, string entityType, string entityId,
        string? details, DateTimeOffset at) =>
        db.AuditEntries.Add(AuditEntry.Record(staff.Actor, action, entityType, entityId, details, at));

    /// <summary>One line per beneficiary whose full name, phone or address was shown, naming the wish it was shown with.</summary>
    public static void RecordBeneficiaryReads(this WishDbContext db, CurrentStaff staff, string action,
        IEnumerable<(Guid BeneficiaryId, string WishCode)> shown, string via, DateTimeOffset at)
    {
        foreach (var group in shown.GroupBy(s => s.BeneficiaryId))
            db.AuditEntries.Add(AuditEntry.Record(staff.Actor, action, nameof(Beneficiary), group.Key.ToString(),
                $"{via}: {string.Join(",", group.Select(g => g.WishCode).Distinct())}", at));
    }
}
