namespace Wright.Runtime.Text;

/// <summary>
/// The zh-CN table of <see cref="Strings"/>: one constant per English string, same name, same placeholders.
/// Terms: 沙箱 sandbox, 权限模式 permission mode, 会话 session, 回退 rewind, 检查点 checkpoint, 工作区 workspace.
/// </summary>
internal static class StringsZhCN
{
    public const string AutoNeedsSandbox = "权限模式 auto 需要 bubblewrap 沙箱，但此处不可用（{0}）；请改用 --permission-mode plan、ask 或 yolo。";
    public const string BadBudget = "--max-budget-usd 必须是正数金额，实际为 {0}";
    public const string BadCompactThreshold = "compaction.threshold_percent 必须在 10 到 99 之间，实际为 {0}";
    public const string BadCwd = "工作区目录不存在：{0}";
    public const string BadEffort = "未知的推理强度“{0}”：可用 low、medium 或 high";
    public const string BadMaxTurns = "--max-turns 必须是正数，实际为 {0}";
    public const string BadPermissionMode = "未知的权限模式“{0}”：可用 plan、ask、accept-edits、auto 或 yolo";
    public const string BadSandboxNetwork = "{0}：{1}";
    public const string ProjectFileUnreadable = "已忽略 {0}：项目设置只会作为不超过 1 MB 的普通文件读取，且绝不经由指向项目之外的链接读取（该文件缺失、是 FIFO、设备、过大或是这样的链接）。";
    public const string ConfigBadField = "{0}：{1} 必须是 {2}";
    public const string ConfigUnreadable = "无法读取配置 {0}：{1}";
    public const string ContinueAndResume = "-c 与 -r 不能同时使用";
    public const string ForkNeedsSession = "--fork 需要配合 -c 或 -r 指明要分叉哪个会话";
    public const string LocalModelChosen = "未配置模型；使用本地的 {0}";
    public const string McpFailed = "MCP 服务器“{0}”不可用：{1}（会话将在没有其工具的情况下运行）";
    public const string McpOptionalFailed = "MCP 服务器“{0}”不可用：{1}（它标记为 \"required\": false，运行将在没有它的情况下继续）";
    public const string McpRequiredFailed =
        "MCP 服务器“{0}”不可用：{1}。请修复它，或在其 mcp.json 中标记 \"required\": false（或 \"disabled\": true）以在没有它的情况下运行";
    public const string HomeWorkspaceRefused =
        "拒绝在 {0} 中工作：它是你的主目录 {1}、其上级目录或 /，这会让你的点文件、密钥和 shell 启动文件暴露在可改动范围内。请在项目目录中运行 Wright；如确有此意，请传入 --allow-home-workspace（或在用户配置中设置 \"allow_home_workspace\": true）。";
    public const string ProjectFleetIgnored = "忽略 {0} 中的 \"fleet\"：集群的数据库和密钥属于这台机器，而不是项目；请在 $WRIGHT_HOME/config.json 中设置。";
    public const string UntrustedProjectLoosens =
        "忽略 {1} 中的“{0}”：未受信任的项目配置只能收紧权限，而此项会放宽。请先审阅，再运行 `wright trust` 允许它。";
    public const string BudgetNeedsPrice =
        "--max-budget-usd 需要 {0} 的价格，但 Wright 不知道，因此无法执行预算。" +
        "请在 config.json 的 providers.{1}.models.{2} 下设置 \"input_price\" 和 \"output_price\"（每百万 token 的美元价格），或不设预算运行。";
    public const string SetupBadVariable = "“{0}”不是环境变量名（只能包含字母、数字和 _）";
    public const string NoModel =
        "未配置模型。请传入 --model provider/model（例如 anthropic/claude-sonnet-4-5 或 deepseek/deepseek-chat），" +
        "设置 WRIGHT_MODEL，或在 {0} 中写入 \"model\"，并设置该提供方的密钥（例如 ANTHROPIC_API_KEY）。" +
        "本地没有 Ollama（127.0.0.1:11434）或 LM Studio（127.0.0.1:1234）应答。";
    public const string NothingToContinue = "{0} 中没有可继续的会话；用 -p \"...\" 开始一个（参见 `wright sessions`）";
    public const string UntrustedMcp =
        "不启动 {0} 中的 MCP 服务器：此项目文件未受信任。请先审阅，再运行 `wright trust` 允许它。";
    public const string UntrustedProjectAllow =
        "忽略 {0} 中的 \"permissions.allow\"：此项目配置未受信任。请先审阅，再运行 `wright trust` 允许它。";
    public const string UntrustedProjectConfig =
        "忽略 {0} 中的 \"providers\"：此项目配置未受信任。请先审阅，再运行 `wright trust` 允许它。";
    public const string UntrustedProjectHooks =
        "不运行 {0} 中的钩子：此项目配置未受信任。请先审阅，再运行 `wright trust` 允许它。";
    public const string UntrustedProjectSandboxNetwork =
        "{0}：在你信任此项目配置（wright trust）之前，sandbox.network 会被忽略；沙箱中的命令保持离线。";
    public const string YoloBanner = "!! 权限模式 yolo：所有工具都不经询问、不经沙箱直接运行";
    public const string NoCheckpoint = "第 {0} 轮（共 {1} 轮）没有检查点；有检查点的轮次：{2}";
    public const string UntrustedProjectLimits =
        "{0}：在你信任此项目配置（wright trust）之前，{1} 只能调低；更高或不限的值会被忽略。";
    public const string NegativeLimit = "{0}：\"{1}\" 必须为 0（不限）或更大";

    public const string ConfigSyntax = "{0}:{1}:{2}：不是有效的 JSON：{3}";
    public const string ConfigTopLevel = "{0}:{1}:{2}：顶层必须是对象";
    public const string ConfigWrongType = "{0}:{1}:{2}：\"{3}\" 必须是{4}，而不是{5}";
    public const string ConfigUnknownKey = "{0}:{1}:{2}：未知的键 \"{3}\"（已忽略）";
    public const string ConfigUnknownKeyNearest = "{0}:{1}:{2}：未知的键 \"{3}\"（已忽略）；你是指 \"{4}\" 吗？";
    public const string TypeString = "字符串";
    public const string TypeInt = "整数";
    public const string TypeNumber = "数字";
    public const string TypeBool = "true 或 false";
    public const string TypeObject = "对象";
    public const string TypeArray = "数组";
    public const string TypeValue = "值";
    public const string BadWrightHome = "$WRIGHT_HOME（{0}）不可用：{1}。请把 WRIGHT_HOME 指向一个可写的目录。";
    public const string CwdIsFile = "--cwd {0} 是文件而不是目录；请传入它所在的目录（例如 --cwd {1}）";
    public const string UnknownModelNote = "注意：{0} 不在 Wright 的模型目录中：其价格和上下文窗口未知（可在 config.json 的 providers.{1}.models.{2} 下设置）";
    public const string SetupNotTrusted = "初始化脚本在当前内容下未被信任，不会运行（请先审阅，再在仓库中运行 `wright trust`）";
    public const string SetupNeedsSandbox = "初始化脚本只在沙箱中运行，而此处沙箱不可用（{0}）";
}
