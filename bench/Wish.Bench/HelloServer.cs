namespace WeChatWish.Bench;

/// <summary>The reference: a Release minimal-API endpoint doing nothing, the ceiling for HTTP figures on this machine.</summary>
public static class HelloServer
{
    public static int Run(string[] args)
    {
        var port = args.SkipWhile(a => a != "--port").Skip(1).First();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/hello", () => "Hello World!");
        app.MapGet("/health/ready", () => "Healthy");
        app.Run();
        return 0;
    }
}
