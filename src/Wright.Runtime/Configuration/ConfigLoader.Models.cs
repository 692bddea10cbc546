using System.Globalization;
using System.Text.Json;
using Wright.Runtime.Text;

namespace Wright.Runtime.Configuration;

/// <summary>Reads <c>fallback</c> and <c>models.*</c> (models by role).</summary>
public static partial class ConfigLoader
{
    private static void ApplyModelRoles(WrightConfig config, JsonElement root, string path)
    {
        if (root.TryGetProperty("fallback", out var fallback))
        {
            if (fallback.ValueKind != JsonValueKind.Array || fallback.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                throw new ConfigException(string.Format(CultureInfo.InvariantCulture, Strings.ConfigBadField, path, "fallback", "a list of provider/model strings"));
            config.Fallback.Clear();
            config.Fallback.AddRange(fallback.EnumerateArray().Select(e => e.GetString()!));
        }

        if (root.TryGetProperty("models", out var models))
        {
            if (models.ValueKind != JsonValueKind.Object)
                throw new ConfigException(string.Format(CultureInfo.InvariantCulture, Strings.ConfigBadField, path, "models", "an object of role: provider/model"));
            foreach (var role in models.EnumerateObject())
            {
                if (role.Value.ValueKind != JsonValueKind.String || !ModelRoles.Known.Contains(role.Name))
                    throw new ConfigException(string.Format(CultureInfo.InvariantCulture, Strings.ConfigBadField, path, "models." + role.Name,
                        "one of " + string.Join(", ", ModelRoles.Known) + ", set to a provider/model string"));
                config.RoleModels[role.Name] = role.Value.GetString()!;
            }
        }
    }
}
