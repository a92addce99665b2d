namespace WeChatWish.Domain;

public enum ImportJobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>
/// A wish import run in the background (up to 50,000 rows): the uploaded file, who sent it, how far the check has got and how it
/// ended. It stays all-or-nothing: rows are only written in the one transaction that also marks the job succeeded. An instance that
/// takes the job holds a lease it renews with every batch; a job whose lease ran out is taken again by another instance, from the start.
/// Its state moves by single guarded UPDATEs (the runner's lease, a cancel racing the commit), not through a loaded entity.
/// </summary>
public sealed class ImportJob
{
    public const int MaxRows = 50_000;
    public const int MaxBytes = 20 * 1024 * 1024;

    /// <summary>The row errors kept on the job (the count of bad rows is kept whole).</summary>
    public const int MaxStoredErrors = 200;
    public const int FileNameMaxLength = 255;
    public const int UserNameMaxLength = 64;
    public const int MessageMaxLength = 500;
    public const int LeaseOwnerMaxLength = 128;

    private ImportJob()
    {
    }

    public Guid Id { get; private set; }
    public Guid StaffId { get; private set; }
    public string StaffUserName { get; private set; } = "";
    public StaffRole StaffRole { get; private set; }

    /// <summary>A coordinator's district: their rows must be of it, and their district's coordinators see the job.</summary>
    public string? DistrictCode { get; private set; }
    public string? FileName { get; private set; }
    public string? ContentType { get; private set; }

    /// <summary>The upload, kept until the job ends (then dropped: it holds personal data and is no longer needed).</summary>
    public byte[]? File { get; private set; }
    public int FileBytes { get; private set; }
    public ImportJobStatus Status { get; private set; }

    /// <summary>Data rows in the file, once it has been read to the end.</summary>
    public int? Rows { get; private set; }
    public int RowsChecked { get; private set; }
    public int RowsValid { get; private set; }

    /// <summary>Rows with at least one error.</summary>
    public int ErrorRows { get; private set; }

    /// <summary>The first <see cref="MaxStoredErrors"/> row errors as JSON <c>[{row, message}]</c>.</summary>
    public string ErrorsJson { get; private set; } = "[]";
    public int Imported { get; private set; }
    public string? FirstCode { get; private set; }
    public string? LastCode { get; private set; }

    /// <summary>Why the file as a whole was refused, or why the job stopped.</summary>
    public string? Message { get; private set; }
    public string? Encoding { get; private set; }
    public int Attempts { get; private set; }
    public string? LeaseOwner { get; private set; }
    public DateTimeOffset? LeaseUntil { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    public static ImportJob Create(Guid staffId, string userName, StaffRole role, string? districtCode, string? fileName, string? contentType,
        byte[] file, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(),
        StaffId = staffId,
        StaffUserName = userName.Length > UserNameMaxLength ? userName[..UserNameMaxLength] : userName,
        StaffRole = role,
        DistrictCode = districtCode,
        FileName = fileName is { Length: > FileNameMaxLength } ? fileName[..FileNameMaxLength] : fileName,
        ContentType = contentType is { Length: > FileNameMaxLength } ? contentType[..FileNameMaxLength] : contentType,
        File = file,
        FileBytes = file.Length,
        Status = ImportJobStatus.Queued,
        CreatedAt = Guard.Utc(at),
    };

    public const string CancelledMessage = "已取消，所有行均未导入。";

    /// <summary>Why a finished job cannot be cancelled.</summary>
    public static ConflictException AlreadyFinished(ImportJobStatus status) => new(DomainErrorCodes.ImportJobFinished,
        status == ImportJobStatus.Cancelled ? "该导入任务已取消。" : "该导入任务已结束，无法取消。");
}
