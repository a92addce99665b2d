using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using ClosedXML.Excel;
using ExcelDataReader;
using MiniExcelLibs;

namespace WeChatWish.Bench;

/// <summary>
/// Issue 18's library comparison: a sheet of N rows (default 50,000) of the wish-import columns, written and read back with
/// MiniExcel, ClosedXML and (reading only, it cannot write) ExcelDataReader. Each case runs in a child process of its own
/// (workstation GC), so its peak managed heap and working set are its own; every reader reads the same MiniExcel-written file.
/// </summary>
public static class XlsxBenchmark
{
    private static readonly string[] Header = ["姓名", "电话", "地址", "类别", "类型", "所在区", "心愿内容", "预估费用"];
    private static readonly string[] Cases = ["miniexcel-write", "closedxml-write", "miniexcel-read", "closedxml-read", "exceldatareader-read"];

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = int.Parse(args.SkipWhile(a => a != "--rows").Skip(1).FirstOrDefault() ?? "50000", CultureInfo.InvariantCulture);
        if (args.SkipWhile(a => a != "--case").Skip(1).FirstOrDefault() is { } one)
            return RunCase(one, rows, args.SkipWhile(a => a != "--file").Skip(1).First());

        var folder = Directory.CreateTempSubdirectory("xlsx-bench-").FullName;
        var file = Path.Combine(folder, "wishes.xlsx");
        try
        {
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores; {rows:N0} rows × {Header.Length} columns (phone and cost as numbers)");
            Console.WriteLine($"{"case",-22} {"seconds",8} {"rows/s",10} {"peak managed MB",16} {"peak working set MB",20}");
            foreach (var name in Cases)
            {
                // Readers read the MiniExcel workbook; ClosedXML's own goes to a file of its own.
                var target = name == "closedxml-write" ? Path.Combine(folder, "closedxml.xlsx") : file;
                var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
                foreach (var a in new[] { Assembly.GetEntryAssembly()!.Location, "xlsx", "--rows", rows.ToString(CultureInfo.InvariantCulture), "--case", name, "--file", target })
                    start.ArgumentList.Add(a);
                start.Environment["DOTNET_gcServer"] = "0";
                using var child = Process.Start(start)!;
                var output = await child.StandardOutput.ReadToEndAsync();
                await child.WaitForExitAsync();
                Console.Write(child.ExitCode == 0 ? output : $"{name,-22} failed (exit {child.ExitCode}): {output}\n");
            }
            Console.WriteLine($"file size (MiniExcel): {new FileInfo(file).Length / 1024.0 / 1024:F1} MB; (ClosedXML): "
                + $"{new FileInfo(Path.Combine(folder, "closedxml.xlsx")).Length / 1024.0 / 1024:F1} MB");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int RunCase(string name, int rows, string file)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using var peaks = new PeakSampler();
        var watch = Stopwatch.StartNew();
        var count = name switch
        {
            "miniexcel-write" => MiniExcelWrite(file, rows),
            "closedxml-write" => ClosedXmlWrite(file, rows),
            "miniexcel-read" => MiniExcelRead(file),
            "closedxml-read" => ClosedXmlRead(file),
            "exceldatareader-read" => ExcelDataReaderRead(file),
            _ => throw new ArgumentException(name),
        };
        var seconds = watch.Elapsed.TotalSeconds;
        var (managed, workingSet) = peaks.Stop();
        Console.WriteLine($"{name,-22} {seconds,8:F2} {count / seconds,10:N0} {managed / 1048576.0,16:F0} {workingSet / 1048576.0,20:F0}");
        return 0;
    }

    private static object[] Row(int i) =>
        [$"受助人{i}", 13800000000L + i, $"鼓楼区中山路{i}号", "孤寡老人", "物品", "鼓楼区", "想要一个电暖器过冬，家里的旧电暖器坏了", 80 + i % 100 + 0.5m];

    private static int MiniExcelWrite(string file, int rows)
    {
        var sheet = Enumerable.Range(0, rows).Select(i => Row(i).Select((v, c) => (Header[c], v)).ToDictionary(p => p.Item1, p => (object?)p.v));
        MiniExcel.SaveAs(file, sheet, overwriteFile: true);
        return rows;
    }

    private static int ClosedXmlWrite(string file, int rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Sheet1");
        for (var c = 0; c < Header.Length; c++) sheet.Cell(1, c + 1).SetValue(Header[c]);
        for (var i = 0; i < rows; i++)
        {
            var row = Row(i);
            for (var c = 0; c < row.Length; c++) sheet.Cell(i + 2, c + 1).SetValue(row[c]);
        }
        workbook.SaveAs(file);
        return rows;
    }

    // Each reader turns every cell into the text the import would see, as the API's reader does.
    private static int MiniExcelRead(string file)
    {
        var count = 0;
        foreach (IDictionary<string, object?> row in MiniExcel.Query(file))
            if (row.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)).Count() > 0) count++;
        return count - 1;
    }

    private static int ClosedXmlRead(string file)
    {
        using var workbook = new XLWorkbook(file);
        var count = 0;
        foreach (var row in workbook.Worksheet(1).RowsUsed())
            if (row.Cells(1, Header.Length).Select(c => c.GetFormattedString()).Count() > 0) count++;
        return count - 1;
    }

    private static int ExcelDataReaderRead(string file)
    {
        using var stream = File.OpenRead(file);
        using var reader = ExcelReaderFactory.CreateReader(stream);
        var count = 0;
        var cells = new string?[reader.FieldCount];
        while (reader.Read())
        {
            for (var c = 0; c < reader.FieldCount && c < cells.Length; c++) cells[c] = Convert.ToString(reader.GetValue(c), CultureInfo.InvariantCulture);
            count++;
        }
        return count - 1;
    }

    /// <summary>The highest managed heap and working set seen, sampled every 5 ms on a thread of its own.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;
        private long _managed;
        private long _workingSet;

        public PeakSampler()
        {
            _thread = new Thread(() =>
            {
                while (!_stop)
                {
                    Sample();
                    Thread.Sleep(5);
                }
            }) { IsBackground = true };
            _thread.Start();
        }

        private void Sample()
        {
            _managed = Math.Max(_managed, GC.GetTotalMemory(false));
            _workingSet = Math.Max(_workingSet, Environment.WorkingSet);
        }

        public (long Managed, long WorkingSet) Stop()
        {
            _stop = true;
            _thread.Join();
            Sample();
            return (_managed, _workingSet);
        }

        public void Dispose() => _stop = true;
    }
}
