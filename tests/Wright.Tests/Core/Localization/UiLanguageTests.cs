using System.Reflection;
using System.Text.RegularExpressions;
using Wright.Core.Localization;

namespace Wright.Tests.Core.Localization;

/// <summary>The interface language: how it is chosen, and that every user-facing string has its zh-CN twin.</summary>
public sealed partial class UiLanguageTests
{
    /// <summary>
    /// English on purpose: model-facing texts, git commit messages (shared with everyone who reads the history) and HTTP
    /// problem titles (the status codes' standard reason phrases; the detail beside each is translated).
    /// </summary>
    private static readonly HashSet<string> ModelFacing =
    [
        "ShellCancelled", "ShellNote", "ShellTruncated", "ResumeNote", "CommitMessage", "MergeMessage",
        "Conflict", "BadRequest", "NotFoundTitle", "ForbiddenTitle", "UnauthorizedTitle", "ServerError", "UnsupportedMediaTypeTitle",
    ];

    /// <summary>Strings that read the same in both languages.</summary>
    private static readonly HashSet<string> SameInBoth = ["TuiThinking", "CostPlusUnknown", "BadSandboxNetwork"];

    public static TheoryData<string> Tables => ["cli", "runtime", "mcp", "tasks", "serve", "dashboard", "node", "eval"];

    [return: System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(
        System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicFields | System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties)]
    private static Type Table(string name) => name switch
    {
        "cli" => typeof(Wright.Cli.Text.Strings),
        "runtime" => typeof(Wright.Runtime.Text.Strings),
        "tasks" => typeof(Wright.Tasks.Text.TaskStrings),
        "serve" => typeof(Wright.Server.Text.ServeStrings),
        "dashboard" => typeof(Wright.Server.Text.DashboardStrings),
        "node" => typeof(Wright.Node.Text.NodeStrings),
        "eval" => typeof(Wright.Eval.Text.Strings),
        _ => typeof(Wright.Mcp.Text.McpStrings),
    };

    [Theory]
    [InlineData(null, null, null, null, null, "en")]
    [InlineData("zh", null, null, null, null, "zh-CN")]
    [InlineData("en", "zh_CN.UTF-8", null, null, null, "en")]
    [InlineData(null, "zh_CN.UTF-8", null, null, null, "zh-CN")]
    [InlineData(null, null, "zh_TW.UTF-8", "en_US.UTF-8", null, "zh-CN")]
    [InlineData(null, "en_US.UTF-8", null, "zh_CN.UTF-8", null, "en")]
    [InlineData(null, null, null, "zh_CN.UTF-8", null, "zh-CN")]
    [InlineData(null, null, null, "C.UTF-8", "zh-CN", "zh-CN")]
    [InlineData(null, null, null, "en_US.UTF-8", "zh", "zh-CN")]
    [InlineData(null, null, null, null, "en", "en")]
    [InlineData("klingon", null, null, null, null, "en")]
    public void The_language_comes_from_WRIGHT_LANG_then_a_zh_locale_then_the_config(
        string? wrightLang, string? lcAll, string? lcMessages, string? lang, string? config, string expected)
    {
        var env = new Dictionary<string, string?> { ["WRIGHT_LANG"] = wrightLang, ["LC_ALL"] = lcAll, ["LC_MESSAGES"] = lcMessages, ["LANG"] = lang };
        var configRead = false;
        var chosen = UiLanguage.Choose(k => env.GetValueOrDefault(k), () =>
        {
            configRead = true;
            return config;
        });
        Assert.Equal(expected, chosen);
        if (wrightLang is "zh" or "en")
            Assert.False(configRead);   // decided without touching the config file
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void Every_user_facing_string_has_a_chinese_twin_with_the_same_placeholders(string typeName)
    {
        var type = Table(typeName);
        var untranslated = type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string) && !ModelFacing.Contains(f.Name)).Select(f => f.Name).ToList();
        Assert.True(untranslated.Count == 0, "English-only strings (make them UiLanguage.Pick properties and add them to StringsZhCN): " + string.Join(", ", untranslated));

        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == typeof(string)).ToList();
        Assert.NotEmpty(properties);
        foreach (var property in properties)
        {
            string english, chinese;
            using (UiLanguage.Use(UiLanguage.English))
                english = (string)property.GetValue(null)!;
            using (UiLanguage.Use(UiLanguage.Chinese))
                chinese = (string)property.GetValue(null)!;
            Assert.False(string.IsNullOrEmpty(chinese), property.Name);
            if (!SameInBoth.Contains(property.Name))
                Assert.True(english != chinese, $"{property.Name} is not translated: {english}");
            Assert.True(Placeholders(english).SetEquals(Placeholders(chinese)), $"{property.Name}: placeholders differ:\n{english}\n{chinese}");
        }
    }

    [Fact]
    public void A_scope_changes_the_language_for_its_own_flow_only()
    {
        Assert.Equal(UiLanguage.English, UiLanguage.Current);
        using (UiLanguage.Use("zh_CN"))
        {
            Assert.True(UiLanguage.IsChinese);
            Assert.Equal("已取消", Wright.Cli.Text.Strings.Cancelled);
        }

        Assert.Equal("cancelled", Wright.Cli.Text.Strings.Cancelled);
    }

    [Fact]
    public void The_model_is_told_the_users_language()
    {
        var english = Wright.Core.Prompting.SystemPrompt.Build("/w", TimeProvider.System, ["read_file"]);
        Assert.DoesNotContain("The user's language", english);
        using (UiLanguage.Use(UiLanguage.Chinese))
        {
            var chinese = Wright.Core.Prompting.SystemPrompt.Build("/w", TimeProvider.System, ["read_file"]);
            Assert.Contains("The user's language: Simplified Chinese (zh-CN). Answer in it unless the user writes in another language.", chinese);
        }
    }

    private static HashSet<string> Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex PlaceholderPattern();
}
