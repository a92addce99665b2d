namespace WeChatWish.Domain;

public enum StaffRole
{
    Admin,
    Reviewer,
    DistrictCoordinator,
}

/// <summary>A staff account for the console. The host hashes passwords; this class keeps the lockout state.</summary>
public sealed class StaffUser
{
    public const int UserNameMaxLength = 50;
    public const int PasswordHashMaxLength = 256;
    public const int DefaultMaxFailedLogins = 5;
    public static readonly TimeSpan DefaultLockout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan OneMicrosecond = TimeSpan.FromTicks(10);

    private StaffUser()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Stored lower-case, so look-ups use <see cref="NormaliseUserName"/> and uniqueness ignores case.</summary>
    public string UserName { get; private set; } = "";

    public string PasswordHash { get; private set; } = "";

    public StaffRole Role { get; private set; }

    /// <summary>Set for, and only for, district coordinators: the one district they may act in.</summary>
    public string? DistrictCode { get; private set; }

    public bool IsActive { get; private set; }

    /// <summary>
    /// When the account's tokens were last revoked (a password reset or change, a deactivation). Tokens carry the value they were
    /// issued under as <see cref="TokenMark"/>, and only tokens carrying the current one count.
    /// </summary>
    public DateTimeOffset? TokensRevokedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? LastLoginAt { get; private set; }

    public static string NormaliseUserName(string userName) => userName.Trim().ToLowerInvariant();

    public static StaffUser Create(string userName, string passwordHash, StaffRole role, string? districtCode, DateTimeOffset at)
    {
        var user = new StaffUser
        {
            Id = Guid.CreateVersion7(),
            UserName = Guard.Text(NormaliseUserName(userName), "userName", "用户名", UserNameMaxLength),
            IsActive = true,
            CreatedAt = Guard.Utc(at),
        };
        user.ChangePassword(passwordHash);
        user.ChangeRole(role, districtCode);
        return user;
    }

    public bool CanActInDistrict(string districtCode) => Role != StaffRole.DistrictCoordinator || DistrictCode == districtCode;

    public void RecordSuccessfulLogin(DateTimeOffset now) => LastLoginAt = Guard.Utc(now);

    public void ChangePassword(string passwordHash) =>
        PasswordHash = Guard.Text(passwordHash, "passwordHash", "密码", PasswordHashMaxLength);

    public void ChangeRole(StaffRole role, string? districtCode)
    {
        var district = Guard.OptionalText(districtCode, "districtCode", "所在区", District.CodeMaxLength);
        if (role == StaffRole.DistrictCoordinator && district is null)
            throw new DomainValidationException(DomainErrorCodes.StaffDistrictRequired, "districtCode", "区协调员必须指定所在区。");
        Role = role;
        DistrictCode = role == StaffRole.DistrictCoordinator ? district : null;
    }

    /// <summary>The mark a token issued now carries: microseconds since 1970 of <see cref="TokensRevokedAt"/>, 0 if never revoked.</summary>
    public long TokenMark => MarkOf(TokensRevokedAt);

    public static long MarkOf(DateTimeOffset? tokensRevokedAt) =>
        tokensRevokedAt is { } at ? (at - DateTimeOffset.UnixEpoch).Ticks / OneMicrosecond.Ticks : 0;

    /// <summary>
    /// Ends every token issued so far, including one issued in this very second: the mark moves on, to a value it has never
    /// had (stored to the microsecond, as PostgreSQL keeps it), so no earlier token carries it.
    /// </summary>
    public void RevokeTokens(DateTimeOffset now)
    {
        var utc = Guard.Utc(now);
        var at = new DateTimeOffset(utc.UtcTicks - utc.UtcTicks % OneMicrosecond.Ticks, TimeSpan.Zero);
        if (TokensRevokedAt is { } previous && at <= previous) at = previous + OneMicrosecond;
        TokensRevokedAt = at;
    }

    /// <summary>Shuts the account out; its tokens end for good, so reactivating it later does not bring them back.</summary>
    public void Deactivate(DateTimeOffset now)
    {
        IsActive = false;
        RevokeTokens(now);
    }

    public void Activate() => IsActive = true;
}
