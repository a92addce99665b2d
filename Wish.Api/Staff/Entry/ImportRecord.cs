namespace WeChatWish.Api.Staff.Entry;

/// <summary>One real import, taken or refused: who sent which file, how many data rows, how many were imported and how many errors.</summary>
public sealed class ImportRecord
{
    public const int FileNameMaxLength = 255;
    public const int UserNameMaxLength = 64;

    private ImportRecord()
    {
    }

    public Guid Id { get; private set; }
    public Guid StaffId { get; private set; }
    public string StaffUserName { get; private set; } = "";

    /// <summary>The importer's district when a coordinator, so a coordinator's history shows their district's imports.</summary>
    public string? DistrictCode { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? FileName { get; private set; }
    public int Rows { get; private set; }
    public int Imported { get; private set; }
    /// <summary>Rows with at least one error (as the refusal's "N行有误" counts them), or 1 for a file refused as a whole.</summary>
    public int Errors { get; private set; }

    public static ImportRecord Create(CurrentStaff staff, string? fileName, int rows, int imported, int errors, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(),
        StaffId = staff.Id,
        StaffUserName = staff.UserName.Length > UserNameMaxLength ? staff.UserName[..UserNameMaxLength] : staff.UserName,
        DistrictCode = staff.ScopeDistrict,
        At = at,
        FileName = fileName is { Length: > FileNameMaxLength } ? fileName[..FileNameMaxLength] : fileName,
        Rows = rows,
        Imported = imported,
        Errors = errors,
    };
}
