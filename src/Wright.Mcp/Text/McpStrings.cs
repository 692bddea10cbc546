using Wright.Core.Localization;

namespace Wright.Mcp.Text;

/// <summary>The MCP client's user-facing messages.</summary>
internal static class McpStrings
{
    public static string NeedsLogin => UiLanguage.Pick("needs sign-in: run `wright mcp login {0}`", "需要登录：运行 `wright mcp login {0}`");
    public static string LoginRefused => UiLanguage.Pick("sign-in failed: {0}", "登录失败：{0}");
    public static string DidNotStart => UiLanguage.Pick("did not start within {0:0}s", "未在 {0:0} 秒内启动");
    public static string CouldNotStart => UiLanguage.Pick("could not start {0}: {1}", "无法启动 {0}：{1}");
}
