using System.CommandLine;
using System.Globalization;
using Wright.Cli.Hosting;
using Wright.Runtime;
using Wright.Runtime.Configuration;
using Wright.Cli.Text;
using Wright.Sessions.Export;
using Wright.Sessions.Store;

namespace Wright.Cli.Commands;

/// <summary><c>wright sessions</c>, <c>export</c>, <c>search</c> and <c>cost</c>: reading the session store.</summary>
internal static class SessionCommands
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static IEnumerable<Command> Create(Option<string?> cwd)
    {
        var all = new Option<bool>("--all", "-a") { Description = Strings.SessionsAllOption };
        var limit = new Option<int>("--limit", "-n") { Description = Strings.LimitOption, DefaultValueFactory = _ => 20 };
        var sessions = new Command("sessions", Strings.SessionsDescription) { all, limit, cwd };
        sessions.SetAction(result => WithStore(store =>
        {
            var here = WrightRuntime.Canonicalize(result.GetValue(cwd) ?? Directory.GetCurrentDirectory());
            var rows = store.List(result.GetValue(all) ? null : here, result.GetValue(limit));
            if (rows.Count == 0)
            {
                Console.Error.WriteLine(result.GetValue(all) ? Strings.NoSessions : string.Format(Inv, Strings.NoSessionsHere, here));
                return ExitCodes.Success;
            }

            Console.WriteLine(string.Format(Inv, "{0,-22} {1,-16} {2,5} {3,9}  {4}  {5}", "ID", "UPDATED (UTC)", "TURNS", "COST", "DIRECTORY", "TITLE"));
            foreach (var s in rows)
            {
                Console.WriteLine(string.Format(Inv, "{0,-22} {1,-16} {2,5} {3,9}  {4}  {5}", s.Id, s.Updated.ToString("yyyy-MM-dd HH:mm", Inv), s.Turns,
                    CostText.Format(s.CostUsd, s.UnpricedRequests > 0), s.Workspace, s.Title + (s.ParentId is { } p ? string.Format(Inv, Strings.ForkedFrom, p) : "")));
                // Subagents are child sessions of the session whose task call ran them.
                foreach (var child in store.Subagents(s.Id))
                {
                    Console.WriteLine(string.Format(Inv, "  └ {0,-20} {1,-16} {2,5} {3,9}  {4}", child.Id, child.Updated.ToString("yyyy-MM-dd HH:mm", Inv),
                        child.Turns, CostText.Format(child.CostUsd, child.UnpricedRequests > 0), string.Format(Inv, Strings.SubagentOf, child.Agent, child.Title)));
                }
            }

            return ExitCodes.Success;
        }));

        var id = new Argument<string>("id") { Description = Strings.SessionIdArgument };
        var format = new Option<string>("--format", "-f") { Description = Strings.ExportFormatOption, DefaultValueFactory = _ => "markdown" };
        format.AcceptOnlyFromAmong("markdown", "md", "jsonl");
        var output = new Option<string?>("--output", "-o") { Description = Strings.ExportOutputOption };
        var export = new Command("export", Strings.ExportDescription) { id, format, output };
        export.SetAction(result => WithStore(store =>
        {
            var session = store.Find(result.GetValue(id)!);
            var path = result.GetValue(output);
            using var writer = path is null ? null : new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
            var target = (TextWriter?)writer ?? Console.Out;
            if (result.GetValue(format) == "jsonl")
                TranscriptExporter.WriteJsonLines(store, session, target);
            else
                TranscriptExporter.WriteMarkdown(store, session, target);
            if (path is not null)
                Console.Error.WriteLine(string.Format(Inv, Strings.Exported, session.Id, path));
            return ExitCodes.Success;
        }));

        var query = new Argument<string>("query") { Description = Strings.SearchQueryArgument };
        var search = new Command("search", Strings.SearchDescription) { query, limit };
        search.SetAction(result => WithStore(store =>
        {
            var hits = store.Search(result.GetValue(query)!, result.GetValue(limit));
            if (hits.Count == 0)
            {
                Console.Error.WriteLine(Strings.NoSearchHits);
                return ExitCodes.Error;
            }

            foreach (var hit in hits)
                Console.WriteLine($"{hit.Reference} [{hit.Kind}]  {hit.Snippet.ReplaceLineEndings(" ")}");
            return ExitCodes.Success;
        }));

        var days = new Option<int>("--days") { Description = Strings.CostDaysOption, DefaultValueFactory = _ => 30 };
        var cost = new Command("cost", Strings.CostDescription) { days };
        cost.SetAction(result => WithStore(store =>
        {
            var rows = store.CostByDayAndModel(result.GetValue(days));
            if (rows.Count == 0)
            {
                Console.Error.WriteLine(Strings.NoUsage);
                return ExitCodes.Success;
            }

            const string Row = "{0,-10}  {1,-36} {2,8} {3,8} {4,12} {5,10} {6,12} {7,12} {8,10}";
            Console.WriteLine(string.Format(Inv, Row, "DAY", "MODEL", "SESSIONS", "REQUESTS", "INPUT", "OUTPUT", "CACHE READ", "CACHE WRITE", "COST"));
            foreach (var r in rows)
            {
                Console.WriteLine(string.Format(Inv, Row, r.Day, r.Model, r.Sessions, r.Requests, r.InputTokens, r.OutputTokens, r.CacheReadTokens,
                    r.CacheWriteTokens, CostText.Format(r.CostUsd, r.UnpricedRequests > 0) + (r.UnpricedRequests > 0 ? "*" : "")));
            }

            Console.WriteLine(string.Format(Inv, Strings.CostTotal, CostText.Format(rows.Sum(r => r.CostUsd), rows.Any(r => r.UnpricedRequests > 0))));
            if (rows.Any(r => r.UnpricedRequests > 0))
                Console.WriteLine(Strings.CostUnpriced);
            return ExitCodes.Success;
        }));

        return [sessions, export, search, cost];
    }

    private static int WithStore(Func<SessionStore, int> action)
    {
        try
        {
            using var store = HeadlessCommand.OpenStore(WrightHome.Resolve(Environment.GetEnvironmentVariable));
            return action(store);
        }
        catch (StoreException ex)
        {
            Console.Error.WriteLine(Strings.ErrorPrefix + ex.Message);
            return ExitCodes.Usage;
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine(Strings.ErrorPrefix + ex.Message);
            return ExitCodes.Error;
        }
    }
}
