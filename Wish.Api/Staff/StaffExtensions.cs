using Microsoft.Extensions.Options;
using WeChatWish.Api.Staff.Accounts;
using WeChatWish.Api.Staff.Audit;
using WeChatWish.Api.Staff.Claims;
using WeChatWish.Api.Staff.Auth;
using WeChatWish.Api.Staff.Entry;
using WeChatWish.Api.Staff.Exports;
using WeChatWish.Api.Staff.FollowUps;
using WeChatWish.Api.Staff.Privacy;
using WeChatWish.Api.Staff.Review;
using WeChatWish.Api.Staff.Rounds;
using WeChatWish.Api.Staff.Stats;
using WeChatWish.Api.Staff.Volunteers;

namespace WeChatWish.Api.Staff;

/// <summary>The staff API under <c>/api/admin</c>: sign-in, accounts, review, rounds, entry, claims and follow-ups, volunteers, statistics, exports, audit, erasure.</summary>
public static class StaffExtensions
{
    public static IHostApplicationBuilder AddStaff(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StaffAuthOptions>().BindConfiguration(StaffAuthOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StaffAuthOptions>, StaffAuthOptionsValidator>();
        builder.Services.AddSingleton<SignInLockout>();
        builder.Services.AddOptions<ProgrammeOptions>().BindConfiguration(ProgrammeOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ProgrammeOptions>, ProgrammeOptionsValidator>();
        builder.Services.AddOptions<StaffJobsOptions>().BindConfiguration(StaffJobsOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StaffJobsOptions>, StaffJobsOptionsValidator>();
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
        .MapBulkReview()
        .MapEntry()
        .MapImportHistory()
        .MapRounds()
        .MapFollowUps()
        .MapStaffClaims()
        .MapStaffVolunteers()
        .MapStats()
        .MapExports()
        .MapAudit()
        .MapErasure();
}
