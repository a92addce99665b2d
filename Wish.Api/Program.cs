using Wish.Api.Auth;
using Wish.Api.Browse;
using Wish.Api.Claims;
using Wish.Api.Infrastructure;
using Wish.Api.Public;
using Wish.Api.ReferenceData;
using Wish.Api.Volunteers;
using Wish.Api.WeChat;
using Wish.Api.Wishes;
using Wish.WeChat;

var builder = WebApplication.CreateBuilder(args);

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
app.MapVolunteers();
app.MapBrowse();
app.MapClaims();
app.MapPublicLists();

app.Run();

public partial class Program;
