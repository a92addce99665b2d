using Wish.Api.Auth;
using Wish.Api.Browse;
using Wish.Api.Claims;
using Wish.Api.Infrastructure;
using Wish.Api.Intake;
using Wish.Api.Notifications;
using Wish.Api.Public;
using Wish.Api.ReferenceData;
using Wish.Api.Staff;
using Wish.Api.Volunteers;
using Wish.Api.WeChat;
using Wish.Api.Wishes;
using Wish.WeChat;

var builder = WebApplication.CreateBuilder(args);

// Outside production, a singleton that captures a scoped service (a validator holding a DbContext, say) fails at start.
builder.Host.UseDefaultServiceProvider((context, options) =>
    options.ValidateScopes = options.ValidateOnBuild = !context.HostingEnvironment.IsProduction());

builder.AddApiDefaults();
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

var app = builder.Build();

app.UseApiDefaults();
app.UseAuthentication();
app.UseAuthorization();
app.MapApiDocs();
app.MapHealth();
app.MapWeChatCallback();
app.MapReferenceData();
app.MapStaff();
app.MapNotifications();
app.MapVolunteers();
app.MapBrowse();
app.MapClaims();
app.MapPublicLists();

app.Run();

public partial class Program;
