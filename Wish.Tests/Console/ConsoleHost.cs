using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Console;

/// <summary>The real host on a real loopback socket, serving the published console, for a browser to talk to.</summary>
public sealed class ConsoleHost : WishApiFactory
{
    /// <param name="settings">Settings over the base ones, for a host of a fixture's own (a fake WeChat, the dispatcher on).</param>
    public ConsoleHost(string redisConnectionString, IReadOnlyDictionary<string, string?>? settings = null)
        : base(redisConnectionString, new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["StaffConsole:Root"] = PublishedConsole.Root,
        })
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
    }

    public Uri BaseAddress { get; }
}

/// <summary>The console's published files, which deploy/test.sh writes with deploy/console.sh before the tests run.</summary>
public static class PublishedConsole
{
    public static string Root => Path.Combine(Repository.Root, "Wish.Console", "bin", "publish", "wwwroot");

    public static void EnsurePublished()
    {
        if (!File.Exists(Path.Combine(Root, "index.html")))
            throw new InvalidOperationException($"The console is not published at {Root}: run deploy/console.sh (deploy/test.sh does).");
    }
}

public static class Repository
{
    /// <summary>The folder holding WeChatWish.sln, found upwards from the test binaries.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WeChatWish.sln"))) return dir.FullName;
        throw new InvalidOperationException("WeChatWish.sln not found above " + AppContext.BaseDirectory);
    }
}
