using Wish.Api.Staff.Accounts;
using Wish.Api.Staff.Audit;
using Wish.Api.Staff.Auth;
using Wish.Api.Staff.Entry;
using Wish.Api.Staff.Exports;
using Wish.Api.Staff.FollowUps;
using Wish.Api.Staff.Privacy;
using Wish.Api.Staff.Review;
using Wish.Api.Staff.Rounds;
using Wish.Api.Staff.Stats;

namespace Wish.Api.Staff;

/// <summary>The staff API under <c>/api/admin</c>: sign-in, accounts, review, rounds, entry, follow-ups, statistics, exports, audit, erasure.</summary>
public static class StaffExtensions
{
    public static IHostApplicationBuilder AddStaff(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StaffAuthOptions>().BindConfiguration(StaffAuthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ProgrammeOptions>().BindConfiguration(ProgrammeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<StaffJobsOptions>().BindConfiguration(StaffJobsOptions.SectionName)
            .Validate(o => o.PollInterval > TimeSpan.Zero, "StaffJobs:PollInterval must be positive").ValidateOnStart();
        builder.Services.AddScoped<RoundPublisher>();
        builder.Services.AddScoped<RoundRollover>();
        builder.Services.AddScoped<WishImporter>();
        builder.Services.AddHostedService<RoundJobs>();
        return builder;
    }

    public static IEndpointRouteBuilder MapStaff(this IEndpointRouteBuilder app) => app
        .MapStaffAuth()
        .MapStaffAccounts()
        .MapReview()
        .MapEntry()
        .MapRounds()
        .MapFollowUps()
        .MapStats()
        .MapExports()
        .MapAudit()
        .MapErasure();
}
