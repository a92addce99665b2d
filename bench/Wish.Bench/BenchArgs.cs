namespace WeChatWish.Bench;

public sealed record BenchArgs(int Seconds, int Connections, int Rate, string RepoRoot)
{
    public static BenchArgs Parse(string[] args)
    {
        // The last occurrence wins, so a script's defaults (bench/browse.sh --rate 200 "$@") give way to what its caller passes.
        string? Value(string name) => Array.LastIndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        return new BenchArgs(
            int.Parse(Value("--seconds") ?? "10"),
            int.Parse(Value("--connections") ?? "64"),
            int.Parse(Value("--rate") ?? "1000"),
            Value("--repo") ?? FindRepoRoot());
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WeChatWish.sln"))) return dir.FullName;
        throw new InvalidOperationException("run from inside the repository, or pass --repo");
    }
}
