using Microsoft.Extensions.Options;

namespace WeChatWish.Api.Auth;

/// <summary>The <c>Jwt</c> section: one signing key shared by every instance, so any of them accepts any token.</summary>
public sealed class JwtOptions
{
    public const string SectionName = "Jwt";

    public string Issuer { get; set; } = "wechatwish";
    public string Audience { get; set; } = "wechatwish";

    /// <summary>At least 32 characters; HMAC-SHA256.</summary>
    public string SigningKey { get; set; } = "";

    public TimeSpan VolunteerTokenLifetime { get; set; } = TimeSpan.FromDays(7);
    public TimeSpan StaffTokenLifetime { get; set; } = TimeSpan.FromHours(8);
}

public sealed class JwtOptionsValidator : IValidateOptions<JwtOptions>
{
    public const int MinimumKeyLength = 32;

    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        var failures = new List<string>();
        if (options.SigningKey.Length < MinimumKeyLength)
            failures.Add($"Jwt:SigningKey must be at least {MinimumKeyLength} characters");
        if (string.IsNullOrWhiteSpace(options.Issuer)) failures.Add("Jwt:Issuer is missing");
        if (string.IsNullOrWhiteSpace(options.Audience)) failures.Add("Jwt:Audience is missing");
        if (options.VolunteerTokenLifetime <= TimeSpan.Zero) failures.Add("Jwt:VolunteerTokenLifetime must be positive");
        if (options.StaffTokenLifetime <= TimeSpan.Zero) failures.Add("Jwt:StaffTokenLifetime must be positive");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
