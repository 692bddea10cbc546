using Semver;

namespace Wright.Cli.Distribution;

/// <summary>A release as its manifest names it: the version (as written and parsed) and this build's asset, if any.</summary>
internal sealed record PublishedRelease(string VersionText, SemVersion Version, ReleaseAsset? Asset);
