namespace WeChatWish.Console.Api;

public sealed record PairingRow(Guid Id, string Status, Guid BeneficiaryId, string BeneficiaryName, string DistrictCode, Guid? VolunteerId,
    string? VolunteerName, Guid? OrganisationId, string? OrganisationName, Guid? ProjectId, string? Content, DateOnly StartsOn, DateOnly? EndsOn,
    int EveryDays, DateOnly? LastVisitOn, DateOnly NextDueOn, bool Overdue, int Visits, DateTimeOffset CreatedAt, DateTimeOffset? EndedAt,
    string? EndReason)
{
    public string Holder => VolunteerName ?? OrganisationName ?? "—";

    public static string Frequency(int days) => days switch { 7 => "每周", 14 => "每两周", 30 => "每月", _ => $"每{days}天" };
}

public sealed record PairingPage(List<PairingRow> Items, int Total, int Page, int PageSize);

public sealed record PairingContact(string Name, string? Phone, string? Address);

public sealed record PairingVisitRow(Guid Id, DateTimeOffset At, int Minutes, string Content, Guid VolunteerId, string? VolunteerName, string RecordedBy,
    bool Final);

public sealed record PairingHandoverRow(Guid Id, DateTimeOffset At, Guid? FromVolunteerId, string? FromName, Guid? ToVolunteerId, string? ToName,
    Guid? FromOrganisationId, Guid? ToOrganisationId, string By, string Reason);

public sealed record PairingDetail(PairingRow Pairing, PairingContact? Beneficiary, List<PairingVisitRow> Visits, List<PairingHandoverRow> Handovers);
