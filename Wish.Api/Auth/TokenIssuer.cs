using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using StaffUser = WeChatWish.Domain.StaffUser;

namespace WeChatWish.Api.Auth;

public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt);

/// <summary>Mints the bearer tokens the JWT handler accepts: volunteers from WeChat sign-in, staff from password sign-in.</summary>
public sealed class TokenIssuer(IOptions<JwtOptions> options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public IssuedToken IssueVolunteer(Guid volunteerId) =>
        Issue(volunteerId, [new Claim(ClaimTypes.Role, Roles.Volunteer)], options.Value.VolunteerTokenLifetime);

    /// <summary>A staff token naming the account's role, district and current token mark (see <see cref="StaffTokenCheck"/>).</summary>
    public IssuedToken IssueStaff(StaffUser user)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.UserName),
            new(ClaimTypes.Role, Roles.Of(user.Role)),
            new(WishClaimTypes.TokenMark, user.TokenMark.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64),
        };
        if (user.DistrictCode is not null) claims.Add(new Claim(WishClaimTypes.District, user.DistrictCode));
        return Issue(user.Id, claims, options.Value.StaffTokenLifetime);
    }

    public static SymmetricSecurityKey SigningKey(JwtOptions options) => new(Encoding.UTF8.GetBytes(options.SigningKey));

    private IssuedToken Issue(Guid subject, IEnumerable<Claim> claims, TimeSpan lifetime)
    {
        var now = clock.GetUtcNow();
        var expires = now + lifetime;
        var identity = new ClaimsIdentity(claims);
        identity.AddClaim(new Claim(JwtRegisteredClaimNames.Sub, subject.ToString()));
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            Subject = identity,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(SigningKey(options.Value), SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, expires);
    }
}
