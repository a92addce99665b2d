namespace WeChatWish.Console.Api;

public sealed record TrainingSessionItem(Guid Id, string Course, string? Title, DateTimeOffset StartsAt, string Place, string DistrictCode,
    int? CertificateValidMonths, int Attended);

public sealed record TrainingSessionList(List<TrainingSessionItem> Items);

public sealed record NewTrainingBody(string? Course, string? Title, DateTimeOffset? StartsAt, string? Place, string? DistrictCode, int? CertificateValidMonths);

public sealed record TrainingAttendanceBody(List<Guid> VolunteerIds);

public sealed record TrainingCertificate(Guid Id, Guid VolunteerId, string Course, Guid SessionId, DateTimeOffset IssuedAt, DateTimeOffset? ExpiresAt);

public sealed record TrainingAttendanceResult(int Issued, int AlreadyCertified, List<TrainingCertificate> Certificates);

public sealed record CommendationBody(string? Title, int? Year, string? Citation, int? Points);

public sealed record CommendationItem(Guid Id, Guid VolunteerId, string Title, int Year, string Citation, int Points, DateTimeOffset AwardedAt);

/// <summary>The training courses of DESIGN.md §9, as the API takes them (the course is free text there; the console offers the list).</summary>
public static class TrainingCourses
{
    public static readonly IReadOnlyList<string> All = ["志愿精神", "应急救护", "卫生保健", "环境保护", "法律常识", "文明交通", "文明礼仪", "防震减灾", "消防安全"];
}
