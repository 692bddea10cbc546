using Tomlyn.Model;
using Tomlyn.Serialization;

namespace Wright.Permissions.Dependencies.Manifests;

/// <summary>Tomlyn's source-generated reader of untyped TOML documents (NativeAOT: no reflection).</summary>
[TomlSerializable(typeof(TomlTable))]
internal sealed partial class ManifestToml : TomlSerializerContext
{
}
