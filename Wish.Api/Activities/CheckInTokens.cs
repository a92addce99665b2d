using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using WeChatWish.Api.Auth;
using WeChatWish.Domain;

namespace WeChatWish.Api.Activities;

/// <summary>The <c>Activities</c> section's secret: the key that signs check-in codes, shared by every instance.</summary>
public sealed class CheckInOptions
{
    public const string SectionName = "Activities";

    /// <summary>At least 32 characters; when unset, a key derived from <c>Jwt:SigningKey</c> (itself shared by every instance).</summary>
    public string? CheckInKey { get; set; }
}

/// <summary>
/// Rotating check-in codes: base64url of (version, shift id, issue time in Unix seconds, first 16 bytes of HMAC-SHA256 over them).
/// A code is bound to its shift by the signature and lives <see cref="ActivityRules.CheckInTokenLifetime"/>, so a photo of the
/// screen taken earlier is refused; who scans it is checked against the shift's sign-ups, not carried in the code.
/// </summary>
public sealed class CheckInTokens
{
    public const int MaxLength = 64;
    private const byte Version = 1;
    private const int MacLength = 16;
    private const int PayloadLength = 1 + 16 + 8;
    private static readonly TimeSpan FutureSkew = TimeSpan.FromSeconds(5);

    private readonly byte[] _key;
    private readonly ActivityRules _rules;
    private readonly TimeProvider _clock;

    public CheckInTokens(IOptions<CheckInOptions> options, IOptions<JwtOptions> jwt, ActivityRules rules, TimeProvider clock)
    {
        _key = options.Value.CheckInKey is { Length: > 0 } key
            ? Encoding.UTF8.GetBytes(key)
            : HMACSHA256.HashData(Encoding.UTF8.GetBytes(jwt.Value.SigningKey), "wechatwish check-in codes"u8);
        _rules = rules;
        _clock = clock;
    }

    public CheckInCodeView Issue(Guid shiftId)
    {
        var now = _clock.GetUtcNow();
        var seconds = now.ToUnixTimeSeconds();
        var bytes = new byte[PayloadLength + MacLength];
        bytes[0] = Version;
        shiftId.TryWriteBytes(bytes.AsSpan(1), bigEndian: true, out _);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(17), seconds);
        Mac(bytes.AsSpan(0, PayloadLength)).CopyTo(bytes.AsSpan(PayloadLength));
        return new CheckInCodeView(WebEncoders.Base64UrlEncode(bytes), DateTimeOffset.FromUnixTimeSeconds(seconds) + _rules.CheckInTokenLifetime);
    }

    /// <summary>The shift a genuine, unexpired code names; a plain-Chinese refusal otherwise.</summary>
    public Guid Verify(string token, DateTimeOffset now)
    {
        byte[] bytes;
        try
        {
            bytes = WebEncoders.Base64UrlDecode(token);
        }
        catch (FormatException)
        {
            throw Invalid();
        }
        if (bytes.Length != PayloadLength + MacLength || bytes[0] != Version) throw Invalid();
        if (!CryptographicOperations.FixedTimeEquals(Mac(bytes.AsSpan(0, PayloadLength)), bytes.AsSpan(PayloadLength))) throw Invalid();
        var issued = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(17)));
        if (issued > now + FutureSkew) throw Invalid();
        if (now > issued + _rules.CheckInTokenLifetime)
            throw new RuleViolationException(DomainErrorCodes.CheckInTokenExpired, "二维码已过期，请扫描现场屏幕上最新的二维码。");
        return new Guid(bytes.AsSpan(1, 16), bigEndian: true);
    }

    private byte[] Mac(ReadOnlySpan<byte> payload) => HMACSHA256.HashData(_key, payload)[..MacLength];

    private static RuleViolationException Invalid() =>
        new(DomainErrorCodes.CheckInTokenInvalid, "这不是有效的签到二维码，请扫描现场屏幕上的二维码。");
}

public sealed class CheckInOptionsValidator : IValidateOptions<CheckInOptions>
{
    public ValidateOptionsResult Validate(string? name, CheckInOptions options) =>
        options.CheckInKey is { Length: > 0 and < JwtOptionsValidator.MinimumKeyLength }
            ? ValidateOptionsResult.Fail($"Activities:CheckInKey must be at least {JwtOptionsValidator.MinimumKeyLength} characters")
            : ValidateOptionsResult.Success;
}
