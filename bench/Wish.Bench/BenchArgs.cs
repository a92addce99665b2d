namespace WeChatWish.Bench;

public sealed record BenchArgs(int Seconds, int Connections, int Rate, string RepoRoot)
{
    public static BenchArgs Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
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
