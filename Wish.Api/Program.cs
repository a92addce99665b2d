using Wish.Api.Auth;
using Wish.Api.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddApiDefaults();
builder.AddApiDocs();
builder.AddPersistence();
builder.AddRedis();
builder.AddHealth();
builder.AddAuth();

var app = builder.Build();

app.UseApiDefaults();
app.UseAuthentication();
app.UseAuthorization();
app.MapApiDocs();
app.MapHealth();

app.Run();

public partial class Program;
