using Microsoft.Extensions.Options;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Auth;

/// <summary>The <c>StaffAuth</c> section: how many wrong passwords in a row lock an account, and for how long.</summary>
public sealed class StaffAuthOptions
{
    public const string SectionName = "StaffAuth";

    public int MaxFailedLogins { get; set; } = StaffUser.DefaultMaxFailedLogins;

    public TimeSpan Lockout { get; set; } = StaffUser.DefaultLockout;
}

public sealed class StaffAuthOptionsValidator : IValidateOptions<StaffAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, StaffAuthOptions options) => options.MaxFailedLogins is < 1 or > 100
        ? ValidateOptionsResult.Fail("StaffAuth:MaxFailedLogins must be between 1 and 100")
        : ValidateOptionsResult.Success;
}
