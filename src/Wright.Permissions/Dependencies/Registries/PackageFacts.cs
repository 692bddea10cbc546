namespace Wright.Permissions.Dependencies.Registries;

/// <summary>
/// What a registry says about a package: whether it exists, when it was first published, how many downloads it has
/// (a week's, and in all, where the registry counts them), whether it links a source repository, how many versions.
/// Only numbers, dates and yes/no: no text of the package's author ever reaches the model or the person through it.
/// </summary>
public sealed record PackageFacts(bool Exists)
{
    /// <summary>When the first version was published, if known.</summary>
    public DateTimeOffset? FirstPublished { get; init; }

    /// <summary>Downloads in the last week (or the registry's nearest measure, scaled to a week), if known.</summary>
    public long? WeeklyDownloads { get; init; }

    /// <summary>Downloads in all, if known.</summary>
    public long? TotalDownloads { get; init; }

    /// <summary>Whether the package links a source repository, if known.</summary>
    public bool? HasRepository { get; init; }

    /// <summary>How many versions were published, if known.</summary>
    public int? Versions { get; init; }

    /// <summary>When Wright asked.</summary>
    public DateTimeOffset FetchedAt { get; init; }

    /// <summary>A package that does not exist (or was unpublished).</summary>
    public static PackageFacts Missing(DateTimeOffset now) => new(false) { FetchedAt = now };
}
