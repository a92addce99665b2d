using System.Diagnostics;
using WeChatWish.Tests.Console;

namespace WeChatWish.Tests.Infrastructure;

/// <summary>Runs one of the repository's shell scripts (deploy/…) as an operator would, with extra environment variables.</summary>
public static class Script
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    public static async Task<Result> RunAsync(string relativePath, IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment,
        TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(Repository.Root, relativePath));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("bash did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{relativePath} did not finish in {timeout ?? TimeSpan.FromMinutes(2)}");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
