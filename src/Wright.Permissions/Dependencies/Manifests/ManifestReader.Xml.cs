using System.Xml;
using Wright.Permissions.Dependencies.Recognition;

namespace Wright.Permissions.Dependencies.Manifests;

public static partial class ManifestReader
{
    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = 64L * 1024 * 1024,
        IgnoreComments = true,
    };

    /// <summary>
    /// MSBuild files and packages.config: <c>PackageReference</c>, <c>PackageVersion</c>, <c>GlobalPackageReference</c>
    /// (<c>Include</c>), <c>package id</c>, SDKs with a version (resolved from NuGet), and restore sources.
    /// </summary>
    private static void MsBuild(string text, Action<PackageSpec?> add, Action<RequestKind, string> other)
    {
        using var reader = XmlReader.Create(new StringReader(text), XmlSettings);
        string? property = null;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                property = reader.LocalName is "RestoreSources" or "RestoreAdditionalProjectSources" ? reader.LocalName : null;
                switch (reader.LocalName)
                {
                    case "PackageReference" or "PackageVersion" or "GlobalPackageReference" or "PackageDownload":
                        Ids(reader.GetAttribute("Include"), add, other);
                        break;
                    case "package":
                        Ids(reader.GetAttribute("id"), add, other);
                        break;
                    case "Project" or "Import":
                        foreach (var sdk in (reader.GetAttribute("Sdk") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        {
                            var slash = sdk.IndexOf('/', StringComparison.Ordinal);
                            if (slash > 0 || reader.GetAttribute("Version") is not null)
                                Ids(slash > 0 ? sdk[..slash] : sdk, add, other);
                        }

                        break;
                    case "Sdk" when reader.GetAttribute("Version") is not null:
                        Ids(reader.GetAttribute("Name"), add, other);
                        break;
                }
            }
            else if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA && property is not null)
            {
                foreach (var source in reader.Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (PackageSpecs.IsUrl(source) && !InstallCommands.IsPublicIndex(Ecosystem.NuGet, source))
                        other(RequestKind.OtherIndex, source);
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement)
            {
                property = null;
            }
        }
    }

    private static void Ids(string? include, Action<PackageSpec?> add, Action<RequestKind, string> other)
    {
        foreach (var id in (include ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (id.Contains("$(", StringComparison.Ordinal) || id.Contains("@(", StringComparison.Ordinal) || id.Contains("%(", StringComparison.Ordinal))
                other(RequestKind.Computed, id);
            else
                add(PackageSpecs.NuGet(id));
        }
    }
}
