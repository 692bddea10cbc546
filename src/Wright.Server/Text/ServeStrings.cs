using Wright.Core.Localization;

namespace Wright.Server.Text;

/// <summary>Every user-facing string of the HTTP server (for translation).</summary>
internal static class ServeStrings
{
    public static string Unauthorized => UiLanguage.Pick("Unauthorized: send Authorization: Bearer <token> (WRIGHT_SERVER_TOKEN, or the token wright serve printed), or open the dashboard URL it printed", "未授权：请发送 Authorization: Bearer <token>（WRIGHT_SERVER_TOKEN，或 wright serve 打印的令牌），或打开它打印的仪表板 URL");
    public static string NotFound => UiLanguage.Pick("no such endpoint: {0} {1} (see /openapi.json)", "没有这个端点：{0} {1}（见 /openapi.json）");
    public static string BadJson => UiLanguage.Pick("the request body is not valid JSON for this endpoint: {0}", "请求体不是此端点可接受的有效 JSON：{0}");
    public static string BodyRequired => UiLanguage.Pick("a JSON body is required", "需要 JSON 请求体");
    public static string MissingField => UiLanguage.Pick("'{0}' is required", "缺少必填字段“{0}”");
    public static string RepoOutsideRoots => UiLanguage.Pick("repository '{0}' is not allowed: {1}", "不允许使用仓库“{0}”：{1}");
    public static string NotARepository => UiLanguage.Pick("'{0}' is not the top of a git repository", "“{0}”不是 git 仓库的顶层目录");
    public static string BadRepoUrl => UiLanguage.Pick("repository URL '{0}' is not allowed: only https://, ssh:// and user@host:path URLs are cloned", "不允许使用仓库 URL“{0}”：只克隆 https://、ssh:// 和 user@host:path 形式的 URL");
    public static string CloneFailed => UiLanguage.Pick("cannot clone {0}: {1}", "无法克隆 {0}：{1}");
    public static string BadDecision => UiLanguage.Pick("decision must be yes, always or no (got '{0}')", "decision 必须是 yes、always 或 no（收到“{0}”）");
    public static string NoSuchApproval => UiLanguage.Pick("no approval request '{0}' waits in attempt {1} of task '{2}'", "任务“{2}”的第 {1} 次尝试中没有待回应的批准请求“{0}”");
    public static string NoSuchTask => UiLanguage.Pick("no task '{0}'", "没有任务“{0}”");
    public static string BadNumber => UiLanguage.Pick("'{0}' is not a number", "“{0}”不是数字");
    public const string Conflict = "Conflict";
    public const string BadRequest = "Bad Request";
    public const string NotFoundTitle = "Not Found";
    public const string ForbiddenTitle = "Forbidden";
    public const string UnauthorizedTitle = "Unauthorized";
    public const string ServerError = "Internal Server Error";
    public static string ForbiddenCrossOrigin => UiLanguage.Pick("Forbidden: the request comes from a page of another origin (only this server's dashboard may use the API from a browser)", "禁止访问：请求来自其他源的页面（只有本服务器的仪表板可以在浏览器中使用此 API）");
    public const string UnsupportedMediaTypeTitle = "Unsupported Media Type";
    public static string NotJson => UiLanguage.Pick("the request body must be JSON (Content-Type: application/json), got '{0}'", "请求体必须是 JSON（Content-Type: application/json），收到的是“{0}”");
}
