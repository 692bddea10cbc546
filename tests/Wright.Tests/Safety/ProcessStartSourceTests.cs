using System.Text.RegularExpressions;
using Wright.Tests.Support;

namespace Wright.Tests.Safety;

/// <summary>
/// An analyzer in test form: .NET's <c>Process.Start</c> with a bare program name looks in the executable's directory
/// and the current directory (the workspace) before PATH, so every process start in <c>src/</c> must name an absolute
/// path or a path resolved by <c>TrustedPrograms</c>.
/// </summary>
public sealed partial class ProcessStartSourceTests
{
    /// <summary>
    /// Expressions known to hold a resolved absolute path (GitRunner.Program and LoopbackLogin's xdgOpen resolve
    /// through TrustedPrograms).
    /// </summary>
    private static readonly HashSet<string> Resolved = new(StringComparer.Ordinal) { "Program", "_git.Program", "Git.Program", "xdgOpen" };

    internal static IEnumerable<string> Violations(string file, string source)
    {
        foreach (Match m in StartInfo().Matches(source))
        {
            var argument = m.Groups["arg"].Value.Trim();
            if (argument.StartsWith('"') ? !argument.StartsWith("\"/", StringComparison.Ordinal)
                : !argument.Contains("TrustedPrograms.", StringComparison.Ordinal) && !Resolved.Contains(argument))
                yield return $"{file}: new ProcessStartInfo({argument})";
        }

        foreach (Match m in StartWithName().Matches(source))
            yield return $"{file}: {m.Value}";
        foreach (Match m in FileNameLiteral().Matches(source))
        {
            if (!m.Groups["value"].Value.StartsWith('/'))
                yield return $"{file}: {m.Value}";
        }

        foreach (Match m in StdioCommand().Matches(source))
        {
            if (!m.Groups["value"].Value.Contains("TrustedPrograms.", StringComparison.Ordinal))
                yield return $"{file}: MCP stdio Command = {m.Groups["value"].Value.Trim()}";
        }
    }

    [Fact]
    public void Every_process_start_in_src_uses_an_absolute_or_trusted_path()
    {
        var src = Path.Combine(NodePackages.RepoRoot, "src");
        var files = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(files);

        var violations = files.SelectMany(f => Violations(Path.GetRelativePath(src, f), File.ReadAllText(f))).ToList();

        Assert.True(violations.Count == 0, "process starts by bare or unresolved name:\n" + string.Join('\n', violations));
        // The rule has something to check: the places that start programs are all still there.
        Assert.True(files.Count(f => StartInfo().IsMatch(File.ReadAllText(f))) >= 6);
    }

    [Theory]
    [InlineData("var psi = new ProcessStartInfo(\"git\") { };")]
    [InlineData("var psi = new ProcessStartInfo(\"setsid\");")]
    [InlineData("var psi = new ProcessStartInfo(name);")]
    [InlineData("Process.Start(\"bwrap\", args);")]
    [InlineData("var psi = new ProcessStartInfo { FileName = \"socat\" };")]
    [InlineData("new StdioClientTransportOptions\n{\n    Name = server.Name,\n    Command = server.Command!,\n}")]
    public void The_rule_catches_a_bare_name(string line) =>
        Assert.NotEmpty(Violations("sample.cs", line));

    [Theory]
    [InlineData("var psi = new ProcessStartInfo(\"/bin/bash\");")]
    [InlineData("var psi = new ProcessStartInfo(TrustedPrograms.Resolve(\"setsid\", [cwd]));")]
    [InlineData("public const string FileName = \"mcp.json\";")]
    public void The_rule_lets_absolute_and_resolved_paths_pass(string line) =>
        Assert.Empty(Violations("sample.cs", line));

    [GeneratedRegex(@"new\s+ProcessStartInfo\s*\((?<arg>[^;{]*?)\)\s*(?:[;{\r\n]|$)", RegexOptions.Multiline)]
    private static partial Regex StartInfo();

    [GeneratedRegex(@"Process\.Start\s*\(\s*""[^""]*""")]
    private static partial Regex StartWithName();

    [GeneratedRegex(@"(?<!string\s)\bFileName\s*=\s*""(?<value>[^""]*)""")]
    private static partial Regex FileNameLiteral();

    [GeneratedRegex(@"new\s+StdioClientTransportOptions\s*\{[^}]*?\bCommand\s*=(?<value>[^\r\n]*)", RegexOptions.Singleline)]
    private static partial Regex StdioCommand();
}
