using System.Text;
using Wright.Runtime.Configuration;

namespace Wright.Tests.Runtime.Configuration;

/// <summary>Config errors name the file, the 1-based line and column, and the key.</summary>
public sealed class ConfigSchemaTests
{
    private static List<string> Check(string json) => ConfigSchema.Check("/h/config.json", Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_value_of_the_wrong_type_names_file_line_column_and_key()
    {
        var ex = Assert.Throws<ConfigException>(() => Check("{\n  \"effort\": \"low\",\n  \"model\": 42\n}"));
        Assert.Equal("/h/config.json:3:12: \"model\" must be a string, not a number", ex.Message);

        var nested = Assert.Throws<ConfigException>(() => Check("{\"compaction\": {\"threshold_percent\": \"80\"}}"));
        Assert.Equal("/h/config.json:1:38: \"compaction.threshold_percent\" must be a whole number, not a string", nested.Message);

        var provider = Assert.Throws<ConfigException>(() => Check("{\"providers\": {\"acme\": {\"models\": {\"m\": {\"input_price\": \"1\"}}}}}"));
        Assert.Contains("\"providers.acme.models.m.input_price\" must be a number", provider.Message);
    }

    [Fact]
    public void An_unknown_key_is_a_warning_with_the_nearest_known_key()
    {
        var warnings = Check("{\n\t\"modle\": \"x/y\",\n  \"sandbox\": {\"limts\": {}},\n  \"zzzzzzzz\": 1\n}");
        Assert.Equal(3, warnings.Count);
        Assert.Equal("/h/config.json:2:2: unknown key \"modle\" (ignored); did you mean \"model\"?", warnings[0]);
        Assert.Equal("/h/config.json:3:15: unknown key \"sandbox.limts\" (ignored); did you mean \"sandbox.limits\"?", warnings[1]);
        Assert.Equal("/h/config.json:4:3: unknown key \"zzzzzzzz\" (ignored)", warnings[2]);
    }

    [Fact]
    public void A_syntax_error_has_a_one_based_position()
    {
        var ex = Assert.Throws<ConfigException>(() => Check("{\n  \"model\": \"a/b\"\n  \"effort\": \"low\"\n}"));
        Assert.StartsWith("/h/config.json:3:3: not valid JSON:", ex.Message);
        var top = Assert.Throws<ConfigException>(() => Check("[1]"));
        Assert.Equal("/h/config.json:1:1: the top level must be an object", top.Message);
    }

    [Fact]
    public void Columns_count_characters_not_bytes()
    {
        var ex = Assert.Throws<ConfigException>(() => Check("{\"$schema\": \"模型\", \"max_turns\": true}"));
        Assert.Equal("/h/config.json:1:32: \"max_turns\" must be a whole number, not true or false", ex.Message);
    }

    [Fact]
    public void A_valid_config_passes_quietly()
    {
        Assert.Empty(Check("""
            // comment
            {"model": "deepseek/deepseek-chat", "permission_mode": "ask", "language": "zh-CN", "max_turns": null,
             "permissions": {"allow": ["shell(npm test)"]}, "hooks": {"PreToolUse": [{"anything": 1}]},
             "providers": {"acme": {"api": "openai-compatible", "headers": {"X": "y"}, "models": {"m": {"context_window": 1000, "input_price": 0.5}}}},
             "sandbox": {"network": {"allow": ["pypi.org"]}, "limits": {"processes": 10}},
             "fallback": ["openai/gpt-5"], "models": {"small": "deepseek/deepseek-chat", "architect": "openai/gpt-5", "editor": "deepseek/deepseek-chat"},
             "routes": [{"model": "openai/gpt-5", "prompt": "(?i)refactor"}, {"model": "gemini/gemini-2.5-pro", "min_context_tokens": 150000}],}
            """));
    }

    [Fact]
    public void Nearest_and_types_serve_config_set()
    {
        Assert.Equal("string", ConfigSchema.TypeOf("model"));
        Assert.Equal("int", ConfigSchema.TypeOf("compaction.threshold_percent"));
        Assert.Equal("number", ConfigSchema.TypeOf("providers.deepseek.models.x.input_price"));
        Assert.Null(ConfigSchema.TypeOf("modle"));
        Assert.Equal("permission_mode", ConfigSchema.Nearest("permision_mode", ConfigSchema.KnownKeys()));
        Assert.Contains("compaction.threshold_percent", ConfigSchema.KnownKeys());
    }
}
