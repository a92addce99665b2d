var builder = WebApplication.CreateBuilder(args);

var app = builder.Build();

app.MapGet("/health/live", () => "Healthy");

app.Run();

public partial class Program;
