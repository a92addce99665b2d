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

    public int FailedLoginCount { get; private set; }

    public DateTimeOffset? LockedUntil { get; private set; }

    public bool IsActive { get; private set; }

    /// <summary>Tokens issued before this second no longer count (set when an admin resets the password).</summary>
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

    public bool IsLockedOut(DateTimeOffset now) => LockedUntil > now;

    public bool CanActInDistrict(string districtCode) => Role != StaffRole.DistrictCoordinator || DistrictCode == districtCode;

    /// <summary>Counts a wrong password; the <paramref name="maxFailures"/>th in a row locks the account for <paramref name="lockout"/>.</summary>
    public void RecordFailedLogin(DateTimeOffset now, int maxFailures = DefaultMaxFailedLogins, TimeSpan? lockout = null)
    {
        FailedLoginCount++;
        if (FailedLoginCount < maxFailures) return;
        LockedUntil = Guard.Utc(now) + (lockout ?? DefaultLockout);
        FailedLoginCount = 0;
    }

    public void RecordSuccessfulLogin(DateTimeOffset now)
    {
        FailedLoginCount = 0;
        LockedUntil = null;
        LastLoginAt = Guard.Utc(now);
    }

    /// <summary>Clears a lockout and the failure count, e.g. when an admin sets a new password.</summary>
    public void Unlock()
    {
        FailedLoginCount = 0;
        LockedUntil = null;
    }

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

    /// <summary>
    /// Ends every token issued before <paramref name="now"/>, to the second (a JWT's issue time has no finer grain): whoever
    /// knew the old password cannot go on with a token they already hold.
    /// </summary>
    public void RevokeTokens(DateTimeOffset now) => TokensRevokedAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;
}
