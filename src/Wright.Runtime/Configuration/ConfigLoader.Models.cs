using System.Globalization;
using System.Text.Json;
using Wright.Runtime.Text;

namespace Wright.Runtime.Configuration;

/// <summary>Reads <c>fallback</c>, <c>models.*</c> (models by role) and <c>routes</c>.</summary>
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

        if (root.TryGetProperty("routes", out var routes))
        {
            const string Shape = "an object {\"model\": \"provider/model\", \"prompt\": \"regex\", \"min_context_tokens\": n} with a model and at least one condition";
            if (routes.ValueKind != JsonValueKind.Array)
                throw new ConfigException(string.Format(CultureInfo.InvariantCulture, Strings.ConfigBadField, path, "routes", "a list of routing rules, each " + Shape));
            config.Routes.Clear();
            var index = 0;
            foreach (var route in routes.EnumerateArray())
            {
                var field = "routes[" + index++.ToString(CultureInfo.InvariantCulture) + "]";
                if (route.ValueKind != JsonValueKind.Object || !route.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String)
                    throw new ConfigException(string.Format(CultureInfo.InvariantCulture, Strings.ConfigBadField, path, field, Shape));
                string? prompt = null;
                int? minTokens = null;
                foreach (var property in route.EnumerateObject())
                {
                    switch (property.Name)
                    {
                        case "model":
                            break;
                        case "prompt" when property.Value.ValueKind == JsonValueKind.String:
                            prompt = property.Value.GetString();
                            try
                            {
                                _ = Wright.Providers.Middleware.RouteRulesChatClient.Pattern(prompt!);
                            }
                            catch (ArgumentException ex)
                            {
                                throw new ConfigException(string.Format(CultureInfo.InvariantCulture, Strings.ConfigBadField, path, field + ".prompt",
                                    "a regular expression (" + ex.Message + ")"));
                            }

                            break;
                        case "min_context_tokens" when property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var n) && n > 0:
                            minTokens = n;
                            break;
                        default:
                            throw new ConfigException(string.Format(CultureInfo.InvariantCulture, Strings.ConfigBadField, path, field + "." + property.Name, Shape));
                    }
                }

                if (prompt is null && minTokens is null)
                    throw new ConfigException(string.Format(CultureInfo.InvariantCulture, Strings.ConfigBadField, path, field, Shape));
                config.Routes.Add(new RouteConfig(model.GetString()!, prompt, minTokens));
            }
        }
    }
}
