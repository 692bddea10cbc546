using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Wright.Bench;
using Wright.Core.Tools;
using Wright.Tools.Files;
using Wright.Tools.Patch;
using Wright.Tools.Search;

// Times one Wright tool in process, the way the agent calls it, and prints one JSON line:
//   {"ms":[…per run…],"lines":N,"error":bool,"head":"first line of the result","tail":"last line"}
// Usage:
//   ToolBench grep  <workspace> <arguments-json> <runs>
//   ToolBench edit  <workspace> <file> <arguments-json> <runs>    (the file is restored from <file>.orig before each run)
//   ToolBench patch <workspace> <file> <arguments-json> <runs>
// Arguments may be given as @path to read the JSON from a file. Nothing here is asserted.
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: ToolBench grep <workspace> <json> <runs> | edit|patch <workspace> <file> <json> <runs>");
    return 2;
}

var command = args[0];
var workspace = Path.GetFullPath(args[1]);
var session = Directory.CreateTempSubdirectory("wright-toolbench-").FullName;
try
{
    var context = new ToolContext("bench", workspace, session, TimeProvider.System);
    ITool tool = command switch
    {
        "grep" => new GrepTool(),
        "edit" => new EditFileTool(),
        "patch" => new ApplyPatchTool(),
        _ => throw new ArgumentException($"unknown tool '{command}'"),
    };
    var file = command == "grep" ? null : Path.GetFullPath(args[2], workspace);
    var json = args[command == "grep" ? 2 : 3];
    if (json.StartsWith('@'))
        json = File.ReadAllText(json[1..]);
    var runs = int.Parse(args[command == "grep" ? 3 : 4], CultureInfo.InvariantCulture);
    using var arguments = JsonDocument.Parse(json);

    var times = new List<double>();
    ToolResult? result = null;
    for (var i = 0; i < runs; i++)
    {
        if (file is not null)
        {
            // Untimed: restore the original and let the session have read it (edit_file refuses unread files).
            File.Copy(file + ".orig", file, overwrite: true);
            using (WorkspaceFs.OpenRead(file, workspace, out var stat, out _))
                context.GetState<FileReadTracker>().Record(file, stat);
        }

        var clock = Stopwatch.StartNew();
        result = await tool.InvokeAsync(arguments.RootElement, context, CancellationToken.None);
        times.Add(clock.Elapsed.TotalMilliseconds);
    }

    // Counted without splitting: a large grep result would otherwise cost this process more than the tool.
    var content = result!.Content;
    var lines = 1;
    for (var at = content.IndexOf('\n', StringComparison.Ordinal); at >= 0; at = content.IndexOf('\n', at + 1))
        lines++;
    var head = content.IndexOf('\n', StringComparison.Ordinal) is var first and >= 0 ? content[..first] : content;
    var tail = content[(content.LastIndexOf('\n') + 1)..];
    var report = new StringBuilder("{\"ms\":[");
    report.AppendJoin(',', times.Select(t => t.ToString("0.###", CultureInfo.InvariantCulture)));
    report.Append(CultureInfo.InvariantCulture, $"],\"lines\":{lines},\"error\":{(result.IsError ? "true" : "false")},");
    report.Append("\"head\":").Append(Quote(head)).Append(",\"tail\":").Append(Quote(tail)).Append('}');
    Console.WriteLine(report);
    return result.IsError ? 1 : 0;
}
finally
{
    Directory.Delete(session, recursive: true);
}

static string Quote(string s) => JsonSerializer.Serialize(s, QuoteContext.Default.String);
