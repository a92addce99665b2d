using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace WeChatWish.Tests.WeChat;

/// <summary>Runs Wish.Tests/Interop/oracle.js (npm wechat-crypto) under node; a missing install fails, never skips.</summary>
public static class WechatCryptoOracle
{
    private const string InstallHint = "run npm ci --prefix Wish.Tests/Interop, which deploy/test.sh does";
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task<JsonElement[]> RunAsync(IReadOnlyCollection<object> requests)
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = InteropDirectory(),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("oracle.js");

        Process? started = null;
        try { started = Process.Start(info); }
        catch (Win32Exception e) { Assert.Fail($"node could not be started ({e.Message}): install Node.js 20, then {InstallHint}."); }
        using var process = started ?? throw new InvalidOperationException("node did not start");

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(requests));
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        Assert.That(process.ExitCode, Is.Zero, $"oracle.js failed: {await stderr}");
        var answers = JsonDocument.Parse(await stdout).RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
        Assert.That(answers, Has.Length.EqualTo(requests.Count));
        return answers;
    }

    /// <summary>Found from the test assembly by walking up to the folder holding WeChatWish.sln.</summary>
    public static string InteropDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "WeChatWish.sln"))) continue;
            var interop = Path.Combine(dir.FullName, "Wish.Tests", "Interop");
            if (!File.Exists(Path.Combine(interop, "node_modules", "wechat-crypto", "package.json")))
                Assert.Fail($"wechat-crypto is not installed in {interop}: {InstallHint}.");
            return interop;
        }
        Assert.Fail($"No WeChatWish.sln above {AppContext.BaseDirectory}: the interop tests run from a repository checkout.");
        return "";
    }
}
