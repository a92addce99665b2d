using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WeChatWish.Api.Auth;

public static class AuthExtensions
{
    public static IHostApplicationBuilder AddAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<JwtOptions>().BindConfiguration(JwtOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<JwtOptions>, JwtOptionsValidator>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.TryAddTimeProvider();
        builder.AddSignInLimits();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>, TimeProvider>((bearer, jwt, clock) =>
            {
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Value.Issuer,
                    ValidAudience = jwt.Value.Audience,
                    IssuerSigningKey = TokenIssuer.SigningKey(jwt.Value),
                    NameClaimType = ClaimTypes.Name,
                    RoleClaimType = ClaimTypes.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    // By the clock TokenIssuer stamps tokens with, as the rest of the host tells time; the library would read the system's.
                    LifetimeValidator = (notBefore, expires, _, parameters) => WithinLifetime(clock.GetUtcNow().UtcDateTime, notBefore, expires, parameters.ClockSkew),
                };
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Volunteer, p => p.RequireRole(Roles.Volunteer).AddRequirements(new ActiveVolunteerRequirement()))
            .AddPolicy(Policies.VolunteerToken, p => p.RequireRole(Roles.Volunteer))
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Admin, Roles.Reviewer, Roles.DistrictCoordinator).AddRequirements(new ActiveStaffRequirement()))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin).AddRequirements(new ActiveStaffRequirement()))
            .AddPolicy(Policies.VolunteerOrStaff, p => p.RequireRole(Roles.Volunteer, Roles.Admin, Roles.Reviewer, Roles.DistrictCoordinator)
                .AddRequirements(new VolunteerOrStaffRequirement()));
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<ActiveStaffHandler>();
        builder.Services.AddScoped<ActiveVolunteerHandler>();
        builder.Services.AddScoped<IAuthorizationHandler>(sp => sp.GetRequiredService<ActiveStaffHandler>());
        builder.Services.AddScoped<IAuthorizationHandler>(sp => sp.GetRequiredService<ActiveVolunteerHandler>());
        builder.Services.AddScoped<IAuthorizationHandler, VolunteerOrStaffHandler>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, StaleTokenResultHandler>();
        return builder;
    }

    /// <summary>The subject of the bearer token: a volunteer's or a staff user's id.</summary>
    public static Guid UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(JwtRegisteredClaimNames.Sub), out var id) ? id : throw new InvalidOperationException("token has no subject");

    private static bool WithinLifetime(DateTime now, DateTime? notBefore, DateTime? expires, TimeSpan skew) =>
        expires is { } end && now - skew < end && (notBefore is not { } start || start <= now + skew);

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
    }
}
