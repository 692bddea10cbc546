using System.CommandLine;
using System.Globalization;
using System.Text;
using Wright.Cli.Hosting;
using Wright.Cli.Text;
using Wright.Providers;
using Wright.Providers.Catalog;
using Wright.Runtime;
using Wright.Runtime.Configuration;

namespace Wright.Cli.Commands;

/// <summary>
/// <c>wright models</c>: the known models (the catalog's and the configured ones) with context window, prices,
/// whether a key is set, and the roles the configuration gives them (main, fallback, small, subagent, architect, editor).
/// </summary>
internal static class ModelsCommand
{
    public static Command Create(Option<string?> cwd)
    {
        var models = new Command("models", Strings.ModelsDescription) { cwd };
        models.SetAction(result =>
        {
            var environment = (Func<string, string?>)Environment.GetEnvironmentVariable;
            var workspace = WrightRuntime.Canonicalize(result.GetValue(cwd) ?? Directory.GetCurrentDirectory()) ?? Directory.GetCurrentDirectory();
            WrightConfig config;
            try
            {
                config = ConfigLoader.Load(WrightRuntime.Home(environment), workspace);
            }
            catch (ConfigException ex)
            {
                Console.Error.WriteLine(Strings.ErrorPrefix + ex.Message);
                return ExitCodes.Usage;
            }

            var roles = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            void Role(string? spec, string role)
            {
                if (string.IsNullOrWhiteSpace(spec))
                    return;
                if (!roles.TryGetValue(spec, out var list))
                    roles[spec] = list = [];
                list.Add(role);
            }

            Role(environment("WRIGHT_MODEL") ?? config.Model, "main");
            foreach (var f in config.Fallback)
                Role(f, "fallback");
            foreach (var (role, spec) in config.RoleModels)
                Role(spec, role);
            foreach (var route in config.Routes)
                Role(route.Model, "route");
            var specs = roles.Keys.Concat(ModelCatalog.Specs).Concat(config.Providers.SelectMany(p => (p.Value.Models?.Keys ?? []).Select(m => p.Key + "/" + m)))
                .Distinct(StringComparer.Ordinal).ToList();
            var rows = new List<string[]> { Strings.ModelsHeader.Split('|') };
            var c = CultureInfo.InvariantCulture;
            foreach (var spec in specs)
            {
                if (!ModelSpec.TryParse(spec, out var parsed, out _))
                    continue;
                var provider = ProviderResolver.Resolve(parsed, environment, config.Providers, out _);
                // A preset without its key does not resolve: still a known provider, with the catalog's facts.
                var known = provider is not null || ProviderPresets.All.ContainsKey(parsed.Provider) || config.Providers.ContainsKey(parsed.Provider);
                var info = provider?.ModelInfo ?? ModelCatalog.Find(parsed.Provider, parsed.Model);
                string Price(decimal? p) => p is { } v ? v.ToString("0.###", c) : "?";
                rows.Add([spec, info is null ? "?" : info.ContextWindow.ToString("N0", c), info is null ? "?" : info.MaxOutputTokens.ToString("N0", c),
                    Price(info?.InputPrice), Price(info?.OutputPrice),
                    !known ? Strings.ModelsUnknownProvider : string.IsNullOrEmpty(provider?.ApiKey) ? Strings.ModelsNoKey : Strings.ModelsKeySet,
                    roles.TryGetValue(spec, out var r) ? string.Join(",", r) : ""]);
            }

            var sb = new StringBuilder();
            var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(row => row[i].Length)).ToArray();
            foreach (var row in rows)
                sb.Append(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd()).Append('\n');
            Console.Out.Write(sb.ToString());
            return ExitCodes.Success;
        });
        return models;
    }
}
