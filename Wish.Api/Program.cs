using Wish.Api.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddApiDefaults();
builder.AddApiDocs();
builder.AddPersistence();
builder.AddRedis();
builder.AddHealth();

var app = builder.Build();

app.UseApiDefaults();
app.MapApiDocs();
app.MapHealth();

app.Run();

public partial class Program;
