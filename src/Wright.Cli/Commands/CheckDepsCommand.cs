using System.CommandLine;
using System.Globalization;
using System.Text;
using Wright.Cli.Hosting;
using Wright.Cli.Interactive;
using Wright.Cli.Text;
using Wright.Permissions.Dependencies;
using Wright.Permissions.Dependencies.Text;
using Wright.Runtime;
using Wright.Runtime.Configuration;

namespace Wright.Cli.Commands;

/// <summary>
/// <c>wright check-deps [PATH]</c>: the slopsquatting guard's checks over every dependency a repository's manifests
/// declare, as a table (ecosystem, package, where, verdict, evidence). Exits 1 when a package is blocked (it does not
/// exist), 0 otherwise; packages that need a person's check are listed as such.
/// </summary>
internal static class CheckDepsCommand
{
    public static Command Create()
    {
        var path = new Argument<string?>("path") { Arity = ArgumentArity.ZeroOrOne, Description = Strings.CheckDepsPath };
        var command = new Command("check-deps", Strings.CheckDepsDescription) { path };
        command.SetAction((result, token) => RunAsync(result.GetValue(path), Environment.GetEnvironmentVariable, Console.Out, Console.Error, token));
        return command;
    }

    public static async Task<int> RunAsync(string? path, Func<string, string?> environment, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var root = WrightRuntime.Canonicalize(Path.GetFullPath(path ?? Directory.GetCurrentDirectory()));
        if (root is null || !Directory.Exists(root))
        {
            await stderr.WriteLineAsync(Strings.ErrorPrefix + string.Format(CultureInfo.InvariantCulture, Strings.BadCwd, path));
            return ExitCodes.Usage;
        }

        var home = WrightHome.Resolve(environment);
        WrightConfig config;
        try
        {
            config = ConfigLoader.Load(home, root);
        }
        catch (ConfigException ex)
        {
            await stderr.WriteLineAsync(Strings.ErrorPrefix + ex.Message);
            return ExitCodes.Usage;
        }

        foreach (var warning in config.Warnings)
            await stderr.WriteLineAsync("warning: " + warning);
        var text = DependencyText.Current;
        var requests = RepositoryScan.Find(root);
        if (requests.Count == 0)
        {
            await stdout.WriteLineAsync(text.NoManifests(root));
            return ExitCodes.Success;
        }

        if (!config.Dependencies.Enabled)
            await stderr.WriteLineAsync("warning: " + text.Disabled(config.Dependencies.DisabledBy ?? config.UserFile));
        using var http = WrightRuntime.CreateHttpClient(config);
        var guard = WrightRuntime.CreateDependencyGuard(config, home, http, environment);
        var groups = requests.GroupBy(r => r.Key, StringComparer.Ordinal).ToList();
        var verdicts = await guard.JudgeAsync([.. groups.Select(g => g.First())], root, mayLookUp: true, countPresent: false, cancellationToken);
        // Worst verdict first, in the manifests' order within each verdict.
        string[][] rows = [.. verdicts.Select((v, i) => (v.Kind, Index: i)).OrderByDescending(x => x.Kind).ThenBy(x => x.Index).Select(x => Row(verdicts[x.Index], groups[x.Index], text))];
        await stdout.WriteAsync(Table([text.HeaderEcosystem, text.HeaderPackage, text.HeaderWhere, text.HeaderVerdict, text.HeaderEvidence], rows));
        var blocked = verdicts.Count(v => v.Kind == VerdictKind.Blocked);
        await stdout.WriteLineAsync(text.Summary(verdicts.Count, verdicts.Count(v => v.Kind == VerdictKind.Allowed), verdicts.Count(v => v.Kind == VerdictKind.Ask), blocked));
        return blocked > 0 ? ExitCodes.Error : ExitCodes.Success;
    }

    private static string[] Row(PackageVerdict verdict, IEnumerable<DependencyRequest> group, DependencyText text) =>
    [
        DependencyText.Short(verdict.Request.Ecosystem),
        verdict.Request.Name,
        Where([.. group.Select(r => r.Origin).Distinct(StringComparer.Ordinal)]),
        text.Verdict(verdict.Kind),
        verdict.Evidence,
    ];

    private static string Where(IReadOnlyList<string> origins) =>
        origins.Count <= 2 ? string.Join(", ", origins) : $"{origins[0]}, {origins[1]} (+{origins.Count - 2})";

    /// <summary>Columns padded to their widest cell (terminal width, so CJK text lines up); the last column is not padded.</summary>
    internal static string Table(IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        var all = rows.Prepend([.. header]).ToList();
        var widths = Enumerable.Range(0, header.Count - 1).Select(c => all.Max(r => TextWidth.Of(r[c]))).ToArray();
        var output = new StringBuilder();
        foreach (var row in all)
        {
            for (var c = 0; c < header.Count - 1; c++)
                output.Append(row[c]).Append(' ', widths[c] - TextWidth.Of(row[c]) + 2);
            output.Append(row[^1]).Append('\n');
        }

        return output.ToString();
    }
}
