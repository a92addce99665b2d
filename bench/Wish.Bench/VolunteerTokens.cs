using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace WeChatWish.Bench;

/// <summary>
/// Mints the bearer tokens Wish.Api's TokenIssuer would give a signed-in volunteer (HS256 with the bench's Jwt__SigningKey),
/// so a benchmark can have a thousand volunteers without a thousand jscode2session calls.
/// </summary>
public static class VolunteerTokens
{
    private const string RoleClaim = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";

    public static string Mint(Guid volunteerId, string signingKey, string issuer = "wechatwish", string audience = "wechatwish")
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Encode(new Dictionary<string, object> { ["alg"] = "HS256", ["typ"] = "JWT" });
        var payload = Encode(new Dictionary<string, object>
        {
            ["iss"] = issuer, ["aud"] = audience, ["sub"] = volunteerId.ToString(), [RoleClaim] = "Volunteer",
            ["iat"] = now, ["nbf"] = now - 60, ["exp"] = now + 3600,
        });
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.ASCII.GetBytes($"{header}.{payload}"));
        return $"{header}.{payload}.{WebEncoders.Base64UrlEncode(signature)}";
    }

    private static string Encode(object value) => WebEncoders.Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(value));
}
