using Microsoft.Extensions.Options;
using WeChatWish.Domain;

namespace WeChatWish.Api.Activities;

/// <summary>Volunteer activities (DESIGN.md §9): shifts, sign-ups and waiting lists, rotating check-in codes, attendance.</summary>
public static class ActivitiesExtensions
{
    public static IHostApplicationBuilder AddActivities(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ActivityRules>().BindConfiguration(CheckInOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ActivityRules>, ActivityRulesValidator>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<ActivityRules>>().Value);
        builder.Services.AddOptions<CheckInOptions>().BindConfiguration(CheckInOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<CheckInOptions>, CheckInOptionsValidator>();
        builder.Services.AddOptions<ActivityJobsOptions>().BindConfiguration(ActivityJobsOptions.SectionName);
        builder.Services.AddSingleton<CheckInTokens>();
        builder.Services.AddScoped<ActivityNotifier>();
        builder.Services.AddScoped<ShiftSignUps>();
        builder.Services.AddScoped<CheckIns>();
        builder.Services.AddScoped<AttendanceService>();
        builder.Services.AddSingleton<ShiftPlaceSweeper>();
        builder.Services.AddSingleton<ShiftReminderSweeper>();
        builder.Services.AddHostedService<ActivityJobsService>();
        return builder;
    }

    public static IEndpointRouteBuilder MapActivities(this IEndpointRouteBuilder app) => app.MapStaffActivities().MapVolunteerActivities();
}

/// <summary>Start-up stops naming each rule <see cref="ActivityRules.Validate"/> finds broken.</summary>
public sealed class ActivityRulesValidator : IValidateOptions<ActivityRules>
{
    public ValidateOptionsResult Validate(string? name, ActivityRules rules) =>
        rules.Validate() is { Count: > 0 } problems
            ? ValidateOptionsResult.Fail(problems.Select(p => $"{CheckInOptions.SectionName} is inconsistent: {p}"))
            : ValidateOptionsResult.Success;
}
