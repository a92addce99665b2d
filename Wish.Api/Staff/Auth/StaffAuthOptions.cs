using System.ComponentModel.DataAnnotations;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Auth;

/// <summary>The <c>StaffAuth</c> section: how many wrong passwords in a row lock an account, and for how long.</summary>
public sealed class StaffAuthOptions
{
    public const string SectionName = "StaffAuth";

    [Range(1, 100)]
    public int MaxFailedLogins { get; set; } = StaffUser.DefaultMaxFailedLogins;

    public TimeSpan Lockout { get; set; } = StaffUser.DefaultLockout;
}
