using WeChatWish.Api.Activities;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Browse;
using WeChatWish.Api.Claims;
using WeChatWish.Api.Entitlements;
using WeChatWish.Api.StaffConsole;
using WeChatWish.Api.Imports;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Api.Intake;
using WeChatWish.Api.LoveBank;
using WeChatWish.Api.Notifications;
using WeChatWish.Api.Organisations;
using WeChatWish.Api.Offers;
using WeChatWish.Api.Projects;
using WeChatWish.Api.Pairings;
using WeChatWish.Api.Public;
using WeChatWish.Api.ReferenceData;
using WeChatWish.Api.Staff;
using WeChatWish.Api.Training;
using WeChatWish.Api.Volunteers;
using WeChatWish.Api.WeChat;
using WeChatWish.Api.Wishes;
using WeChatWish.WeChat;

var builder = WebApplication.CreateBuilder(args);

// Outside production, a singleton that captures a scoped service (a validator holding a DbContext, say) fails at start.
builder.Host.UseDefaultServiceProvider((context, options) =>
    options.ValidateScopes = options.ValidateOnBuild = !context.HostingEnvironment.IsProduction());

builder.AddApiDefaults();
builder.AddTelemetry();
builder.AddWishRules();
builder.AddWishSubmission();
builder.AddApiDocs();
builder.AddPersistence();
builder.AddRedis();
builder.AddHealth();
builder.AddAuth();
builder.AddWeChatApi();
builder.AddWeChatCallback();
builder.AddIntake();
builder.AddStaff();
builder.AddNotifications();
builder.AddBrowse();
builder.AddClaims();
builder.AddActivities();
builder.AddLoveBank();
builder.AddStaffConsole();
builder.AddEntitlements();
builder.AddOrganisations();
builder.AddOffers();
builder.AddProjects();
builder.AddPairings();
builder.AddImportJobs();

var app = builder.Build();

app.UseApiDefaults();
app.UseSignInLimits();
app.UseAuthentication();
app.UseAuthorization();
app.MapApiDocs();
app.MapHealth();
app.MapTelemetry();
app.MapWeChatCallback();
app.MapReferenceData();
app.MapStaff();
app.MapNotifications();
app.MapVolunteers();
app.MapBrowse();
app.MapClaims();
app.MapActivities();
app.MapLoveBank();
app.MapTraining();
app.MapPublicLists();
app.MapStaffConsole();
app.MapEntitlements();
app.MapOrganisations();
app.MapOffers();
app.MapProjects();
app.MapPairings();
app.MapImportJobs();

app.Run();

public partial class Program;
