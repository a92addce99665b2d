using WeChatWish.Bench;

// bench callback: safe-mode pushes to /wechat of a Release Wish.Api, against a hello endpoint on the same machine.
// bench claims: issue 5's claim storm on three Release instances. bench browse: first page over 1,000,000 wishes.
// bench staff [--rows N]: a CSV import of N rows and the review queue, statistics and export on a Release Wish.Api.
// bench notifications [--recipients 100000] [--rate 1000]: a push to N openids (and to 10,000 first) against a fake WeChat API.
// bench notifications --xingtai [--rate 1000]: a push to every volunteer of the Xingtai seed (1,170,000, chosen by filter).
// bench console [--loads 5] [--samples 40]: cold first loads of /console and the review queue's and dashboard's API calls over 1,000,000 wishes.
// bench faults --base URL --postgres CS [--seconds 12] [--wishes 30] [--volunteers 300]: issue 17's fault injection (deploy/faults.sh).
// bench signups: issue 15's sign-up storm, 1,000 volunteers on 20 shifts of 10 places, on three Release instances.
// bench organisations: issue 16's Xingtai scale, a leader's member list and a station's statistics over 4,800 organisations and 1,170,000 volunteers.
// bench xingtai-seed: issue 18 item 4's city of Xingtai's size (10,000,000 passbook lines, 1,000,000 wishes) seeded once by binary COPY.
// bench xingtai [--seconds 10] [--connections 4]: on that database, staff statistics and volunteer list p50/p99, the hours export's rows/s and peak memory.
// bench xlsx [--rows 50000]: issue 18's comparison of MiniExcel, ClosedXML and ExcelDataReader writing and reading a sheet of wish-import rows.
// bench imports [--rows 50000]: issue 18 item 2's background import of N .xlsx rows: rows/s, time to the first row error, peak memory.
// bench hello --port N: the minimal endpoint the figures are compared with (started by the benchmarks themselves).
return args.FirstOrDefault() switch
{
    "notifications" => await NotificationBenchmark.RunAsync(BenchArgs.Parse(args),
        int.Parse(args.SkipWhile(a => a != "--recipients").Skip(1).FirstOrDefault() ?? "100000"), args.Contains("--xingtai")),
    "hello" => HelloServer.Run(args),
    "xlsx" => await XlsxBenchmark.RunAsync(args),
    "imports" => await ImportBenchmark.RunAsync(BenchArgs.Parse(args), int.Parse(args.SkipWhile(a => a != "--rows").Skip(1).FirstOrDefault() ?? "50000")),
    "faults" => await FaultBenchmark.RunAsync(args),
    "callback" => await CallbackBenchmark.RunAsync(BenchArgs.Parse(args)),
    "claims" => await ClaimStormBenchmark.RunAsync(BenchArgs.Parse(args)),
    "signups" => await SignUpStormBenchmark.RunAsync(BenchArgs.Parse(args)),
    "browse" => await BrowseBenchmark.RunAsync(BenchArgs.Parse(args)),
    "xingtai-seed" => await XingtaiSeed.RunAsync(BenchArgs.Parse(args)),
    "xingtai" => await XingtaiBenchmark.RunAsync(BenchArgs.Parse(args)),
    "organisations" => await OrganisationBenchmark.RunAsync(BenchArgs.Parse(args)),
    "staff" => await StaffBenchmark.RunAsync(BenchArgs.Parse(args), int.Parse(args.SkipWhile(a => a != "--rows").Skip(1).FirstOrDefault() ?? "2000")),
    "console" => await ConsoleBenchmark.RunAsync(BenchArgs.Parse(args),
        int.Parse(args.SkipWhile(a => a != "--loads").Skip(1).FirstOrDefault() ?? "5"),
        int.Parse(args.SkipWhile(a => a != "--samples").Skip(1).FirstOrDefault() ?? "40")),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Wish.Bench callback|claims|signups|browse [--seconds N] [--connections N] [--rate N] | staff [--rows N] | xlsx [--rows N] | imports [--rows N] | console [--loads N] [--samples N] | hello --port N");
    return 2;
}
