using System.Text.Json;
using Wright.Core.Tools;
using Wright.Permissions.Dependencies.Manifests;
using Wright.Permissions.Dependencies.Popularity;
using Wright.Permissions.Dependencies.Recognition;
using Wright.Permissions.Dependencies.Registries;
using Wright.Permissions.Dependencies.Text;
using Wright.Permissions.Shell;

namespace Wright.Permissions.Dependencies;

/// <summary>
/// The slopsquatting guard: finds the new dependencies a tool call would add — packages a shell command installs, new
/// entries a file tool writes into a manifest (the planned content against the current one), lockfiles edited by hand,
/// manifests a command writes itself — and judges each: a name its registry does not know is blocked (with the
/// popular names it is close to); a package first published recently, downloaded little, or a near-twin of a popular
/// name needs a person's check, as does anything that cannot be checked (a URL, another index, a computed name, a
/// registry that does not answer); everything else is allowed. The permission engine asks it about every call, in
/// every mode, before the call runs.
/// </summary>
public sealed class DependencyGuard
{
    private const int Parallel = 6;

    /// <summary>Creates the guard.</summary>
    public DependencyGuard(DependencyPolicy policy, RegistryClient registry, DependencyText? text = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(registry);
        Policy = policy;
        Registry = registry;
        Text = text ?? DependencyText.English;
        Time = time ?? TimeProvider.System;
    }

    /// <summary>The configuration.</summary>
    public DependencyPolicy Policy { get; }

    /// <summary>The registries.</summary>
    public RegistryClient Registry { get; }

    /// <summary>The language of the messages.</summary>
    public DependencyText Text { get; }

    private TimeProvider Time { get; }

    /// <summary>
    /// The verdict on a call, or null when it adds no dependency (or the check is off). <paramref name="mayLookUp"/>
    /// false: send no name to any registry (the session holds untrusted content, and the name could carry data out
    /// before anyone approved it); answers then come from the cache, and what is not cached is left to a person.
    /// </summary>
    public async Task<DependencyVerdict?> AssessAsync(ToolCall call, ITool tool, string workspace, bool mayLookUp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(tool);
        if (!Policy.Enabled)
            return null;
        var requests = Requests(call, tool, workspace);
        if (requests.Count == 0)
            return null;
        var verdicts = await JudgeAsync(requests, workspace, mayLookUp, countPresent: true, cancellationToken);
        return new DependencyVerdict(verdicts, Describe(call, workspace), Text, Policy.UserConfig);
    }

    /// <summary>The new dependencies a call would add (see the class summary).</summary>
    public static IReadOnlyList<DependencyRequest> Requests(ToolCall call, ITool tool, string workspace)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(tool);
        var args = call.Arguments;
        if (call.Name == "shell")
            return Str(args, "command") is { } command ? InstallCommands.Find(command, workspace) : [];
        var targets = Targets(call, workspace);
        if (!targets.Any(t => ManifestFiles.Classify(t) is not null))
            return [];
        IReadOnlyList<PlannedFileChange> changes;
        if (tool is IFileChangePlanner planner)
            changes = planner.PlanChanges(args, workspace, path => ManifestFiles.Classify(path) is not null);
        else if (call.Name == "write_file" && Str(args, "content") is { } content && targets.Count == 1)
            changes = [new PlannedFileChange(targets[0], Protection.SafeRead.Text(targets[0], 32 * 1024 * 1024), content)];
        else
            return [.. targets.Where(t => ManifestFiles.Classify(t) is not null).Select(t => new DependencyRequest(ManifestFiles.Classify(t)!.Ecosystem, Show(t, workspace), RequestKind.Unreadable, Show(t, workspace)))];
        var found = new List<DependencyRequest>();
        foreach (var change in changes)
        {
            if (ManifestFiles.Classify(change.Path) is not { } kind)
                continue;
            var shown = Show(change.Path, workspace);
            var directory = Path.GetDirectoryName(change.Path);
            found.AddRange(ManifestChanges.NewEntries(kind, change.Before, change.After, shown).Select(r => r with { Directory = directory }));
        }

        return found;
    }

    /// <summary>
    /// Judges each request. <paramref name="countPresent"/>: a package already declared or locked where it is
    /// installed is allowed without a look-up (false for <c>check-deps</c>, which audits the declarations themselves).
    /// </summary>
    public async Task<IReadOnlyList<PackageVerdict>> JudgeAsync(IReadOnlyList<DependencyRequest> requests, string workspace, bool mayLookUp,
        bool countPresent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        using var gate = new SemaphoreSlim(Parallel);
        var tasks = requests.Select(async request =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await JudgeAsync(request, workspace, mayLookUp, countPresent, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        return await Task.WhenAll(tasks);
    }

    private async Task<PackageVerdict> JudgeAsync(DependencyRequest request, string workspace, bool mayLookUp, bool countPresent, CancellationToken ct)
    {
        PackageVerdict Verdict(VerdictKind kind, string evidence) => new(request, kind, evidence);
        var name = request.Name;
        switch (request.Kind)
        {
            case RequestKind.Url:
                return Verdict(VerdictKind.Ask, Text.Url(name));
            case RequestKind.OtherIndex:
                return Policy.IsTrustedRegistry(name) ? Verdict(VerdictKind.Allowed, Text.Private(name)) : Verdict(VerdictKind.Ask, Text.OtherIndex(name));
            case RequestKind.Computed:
                return Verdict(VerdictKind.Ask, Text.Computed(name));
            case RequestKind.FromInput:
                return Verdict(VerdictKind.Ask, Text.FromInput(name));
            case RequestKind.Lockfile:
                return Verdict(VerdictKind.Ask, Text.Lockfile(name));
            case RequestKind.ShellManifestWrite:
                return Verdict(VerdictKind.Ask, Text.ShellManifestWrite(name));
            case RequestKind.Unreadable:
                return Verdict(VerdictKind.Ask, Text.Unreadable(name));
        }

        var ecosystem = request.Ecosystem;
        if (!IsPlausible(ecosystem, name))
            return Verdict(VerdictKind.Blocked, Text.InvalidName(name));
        if (Policy.Allowing(ecosystem, name) is not null)
            return Verdict(VerdictKind.Allowed, Text.Allowlisted(name));
        if (countPresent && PresentPackages.IsPresent(request, workspace))
            return Verdict(VerdictKind.Allowed, Text.Present(name));
        if (Policy.Private(ecosystem, name) is { } declared)
            return await PrivateAsync(request, declared, mayLookUp, ct);
        if (PopularPackages.Of(ecosystem).Contains(name))
            return Verdict(VerdictKind.Allowed, Text.Popular(name));

        var twin = Confusables.NearTwin(ecosystem, name);
        var answer = await Registry.LookupAsync(ecosystem, name, cacheOnly: !mayLookUp, ct);
        string WithTwin(string evidence) => twin is null ? evidence : $"{evidence}; {Text.Twin(twin)}";
        if (answer.NotAsked)
            return Verdict(VerdictKind.Ask, WithTwin(Text.NotSent(name, ecosystem)));
        if (answer.Unreachable is { } why)
            return Verdict(VerdictKind.Ask, WithTwin(Text.Unreachable(name, ecosystem, why)));
        var facts = answer.Facts!;
        if (!facts.Exists)
        {
            var suggestions = Confusables.Suggestions(ecosystem, name);
            var evidence = Text.Missing(name, ecosystem) + (suggestions.Count > 0 ? $" ({Text.DidYouMean(suggestions)})" : "");
            return new PackageVerdict(request, VerdictKind.Blocked, evidence) { Facts = facts, Suggestions = suggestions };
        }

        var now = Time.GetUtcNow();
        var reasons = new List<string>();
        if (facts.FirstPublished is { } first && (now - first).TotalDays < Policy.MinAgeDays)
            reasons.Add(Text.PublishedDaysAgo((int)Math.Max(0, (now - first).TotalDays)));
        if (facts.WeeklyDownloads is { } weekly && weekly < Policy.MinWeeklyDownloads)
            reasons.Add(Text.FewWeekly(weekly));
        else if (facts.WeeklyDownloads is null && facts.TotalDownloads is { } total && total < Policy.MinTotalDownloads)
            reasons.Add(Text.FewTotal(total));
        var established = facts.WeeklyDownloads >= Policy.EstablishedWeeklyDownloads
            || (facts.WeeklyDownloads is null && facts.TotalDownloads >= Policy.EstablishedWeeklyDownloads * 52);
        if (twin is not null && !established)
            reasons.Add(Text.Twin(twin));
        var summary = Facts(facts, now);
        return reasons.Count > 0
            ? new PackageVerdict(request, VerdictKind.Ask, Text.Suspicious(name, ecosystem, string.Join(", ", reasons), summary)) { Facts = facts }
            : new PackageVerdict(request, VerdictKind.Allowed, summary.Length == 0 ? name : Text.Established(name, summary)) { Facts = facts };
    }

    /// <summary>A private package: a trusted declaration with a registry is looked up there; without one it is allowed; an untrusted one asks.</summary>
    private async Task<PackageVerdict> PrivateAsync(DependencyRequest request, (PackagePattern Pattern, string? Registry, bool Trusted) declared, bool mayLookUp, CancellationToken ct)
    {
        var name = request.Name;
        if (!declared.Trusted)
            return new PackageVerdict(request, VerdictKind.Ask, Text.PrivateUntrusted(name, declared.Pattern.Source));
        if (declared.Registry is not { } registry)
            return new PackageVerdict(request, VerdictKind.Allowed, Text.Private(name));
        var answer = await Registry.LookupAsync(request.Ecosystem, name, cacheOnly: !mayLookUp, ct, registry);
        if (answer.NotAsked)
            return new PackageVerdict(request, VerdictKind.Ask, Text.NotSent(name, request.Ecosystem));
        if (answer.Unreachable is { } why)
            return new PackageVerdict(request, VerdictKind.Ask, Text.UnreachablePrivate(name, registry, why));
        return answer.Facts!.Exists
            ? new PackageVerdict(request, VerdictKind.Allowed, Text.PrivateFound(name, registry)) { Facts = answer.Facts }
            : new PackageVerdict(request, VerdictKind.Blocked, Text.MissingPrivate(name, registry)) { Facts = answer.Facts };
    }

    private string Facts(PackageFacts facts, DateTimeOffset now)
    {
        var parts = new List<string>();
        if (facts.FirstPublished is { } first)
            parts.Add(Text.FirstPublished(first, (int)Math.Max(0, (now - first).TotalDays)));
        if (facts.WeeklyDownloads is { } weekly)
            parts.Add(Text.WeeklyDownloads(weekly));
        else if (facts.TotalDownloads is { } total)
            parts.Add(Text.TotalDownloads(total));
        if (facts.HasRepository is false)
            parts.Add(Text.NoRepository);
        return string.Join(", ", parts);
    }

    /// <summary>
    /// Whether a name could be a package of the ecosystem at all: printable, without spaces, path climbing or URL
    /// syntax (it becomes part of a request address), of a sane length.
    /// </summary>
    internal static bool IsPlausible(Ecosystem ecosystem, string name)
    {
        if (name.Length is 0 or > 256 || name.Contains("..", StringComparison.Ordinal) || name.StartsWith('/') || name.EndsWith('/')
            || name.Contains("//", StringComparison.Ordinal))
            return false;
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' or '@' or '/' or '+'))
            return false;
        return ecosystem switch
        {
            Ecosystem.Npm => name.StartsWith('@') ? name.Count(c => c == '/') == 1 && name.IndexOf('/', StringComparison.Ordinal) > 1 : !name.Contains('/', StringComparison.Ordinal) && !name.Contains('@', StringComparison.Ordinal),
            Ecosystem.Go => name.Contains('.', StringComparison.Ordinal) && !name.Contains('@', StringComparison.Ordinal),
            Ecosystem.Packagist => name.Count(c => c == '/') == 1 && !name.Contains('@', StringComparison.Ordinal),
            _ => !name.Contains('/', StringComparison.Ordinal) && !name.Contains('@', StringComparison.Ordinal),
        };
    }

    /// <summary>The files an edit call names: its path, or every path of a patch.</summary>
    private static List<string> Targets(ToolCall call, string workspace)
    {
        if (Str(call.Arguments, "patch") is { } patch)
            return [.. ActionClassifier.PatchTargets(patch).Select(p => Paths.Resolve(p, workspace)).Distinct(StringComparer.Ordinal)];
        return Str(call.Arguments, "path") is { } path ? [Paths.Resolve(path, workspace)] : [];
    }

    private static string Describe(ToolCall call, string workspace)
    {
        if (call.Name == "shell" && Str(call.Arguments, "command") is { } command)
        {
            var visible = InvisibleText.MakeVisible(command).ReplaceLineEndings(" ");
            return "`" + (visible.Length > 160 ? visible[..157] + "…" : visible) + "`";
        }

        var targets = Targets(call, workspace).Where(t => ManifestFiles.Classify(t) is not null).Select(t => Show(t, workspace));
        return $"{call.Name} {string.Join(", ", targets)}".TrimEnd();
    }

    private static string Show(string path, string workspace) =>
        Paths.IsInside(path, workspace) && path != workspace ? Path.GetRelativePath(workspace, path) : path;

    private static string? Str(JsonElement args, string name) =>
        args.ValueKind == JsonValueKind.Object && args.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
