namespace Wright.Cli.Text;

/// <summary>
/// The zh-CN table of <see cref="Strings"/>: one constant per English string, same name, same placeholders
/// (checked by LocalizationTests). Terms: 沙箱 sandbox, 权限模式 permission mode, 会话 session, 回退 rewind,
/// 检查点 checkpoint, 工作区 workspace, 轮 turn, 提供方 provider, 压缩 compaction, 技能 skill, 钩子 hook.
/// </summary>
internal static partial class StringsZhCN
{
    // wright acp
    public const string AcpDescription = "通过 stdio 提供 Agent Client Protocol（v1）服务，供 Zed、JetBrains IDE 等编辑器使用";
    public const string AcpModelOption = "新会话使用的模型（provider/model）";
    public const string AcpPermissionModeOption = "新会话开始时的权限模式：plan、ask、accept-edits、auto 或 yolo（默认：ask）";

    // wright mcp serve
    public const string McpServeAnyDescription = "通过 MCP 提供 Wright 服务（stdio，或用 --http 提供 Streamable HTTP）：run_task 工具在某个工作区中运行任务并返回结果。";
    public const string McpServeHttpOption = "在 http://HOST:PORT/mcp 上以 Streamable HTTP 提供服务，而不是 stdio。每个请求都需要 Authorization: Bearer TOKEN（WRIGHT_MCP_TOKEN，否则使用一次性生成并保存在 $WRIGHT_HOME/mcp-token 中的令牌）。";
    public const string McpServePortOption = "HTTP 端口（默认 0：任选空闲端口，开始监听时打印）。";
    public const string McpServeIdleOption = "结束闲置超过这么多秒的 HTTP 会话（默认 1800）；之后客户端会开启新会话。";
    public const string McpServeBadIdle = "--session-idle-timeout 必须是正数秒数（实际为 {0}）。";
    public const string McpServeHostOption = "要绑定的 HTTP 地址：IP 地址或 localhost（默认 127.0.0.1；其他地址会把智能体暴露到网络上）。";
    public const string McpServeAllowedHostOption = "除回环名称和 IP 地址外，客户端可在 Host 头中使用的主机名（可重复；用于按名称访问的服务器）。";
    public const string McpServeRootOption = "run_task 可在其中工作的目录及其全部子目录（可重复；默认：--cwd 或当前目录，除非它是 / 或主目录）。";
    public const string McpServeModeOption = "run_task 调用最多可请求的权限模式：plan、ask、accept-edits、auto 或 yolo（默认：WRIGHT_PERMISSION_MODE、用户配置中的 permission_mode，否则为 auto）。";
    public const string McpServeListening = "wright MCP 服务器正在监听 {0}";
    public const string McpServeTokenRequired = "（需要 bearer 令牌）";
    public const string McpServeTokenCreated = "bearer 令牌（新建，保存在 {1}）：{0}";
    public const string McpServeTokenStored = "bearer 令牌（来自 {1}）：{0}";
    public const string McpServeExposed = "{0} 可从网络访问：任何能访问它并持有令牌的人都能在服务器的根目录中运行任务。";
    public const string McpServeBindFailed = "无法监听 {0}:{1}：{2}";
    public const string McpServeHttpOnly = "--port、--host、--session-idle-timeout 和 --allowed-host 需要配合 --http";
    public const string McpServeCwdNotAllowed = "--cwd {0} 不是允许的工作区：{1}";
    public const string McpServeNoRoots = "{0} 是 / 或主目录（或其上级），因此本服务器没有根目录，会拒绝所有 run_task；请用 --root DIR 或 --cwd DIR 启动。";
    public const string McpServeNoDefault = "{0} 不在任何 --root 之内，因此每个 run_task 调用都必须指定 cwd。";

    // interactive session
    public const string NoColorOption = "交互式会话的输出不使用颜色（设置 NO_COLOR 效果相同）。";
    public const string TuiWelcome = "Wright {0} · {1} · {2}。Enter 发送，Alt-Enter 或行尾的 \\ 换行，Esc 中断当前轮，@路径 附加文件，!命令 运行命令，/help 列出命令，Ctrl-D 退出。";
    public const string TuiResumed = "已恢复会话 {0}（{1} 条消息）。";
    public const string TuiCtrlCAgain = "再按一次 Ctrl-C（或 Ctrl-D）退出。";
    public const string TuiInterrupted = "已中断。Wright 接下来该做什么？";
    public const string TuiStatus = "{0} · {1} · 上下文 {2}% · {3} · 沙箱{4}";
    public const string TuiSandboxOn = "开";
    public const string TuiSandboxOff = "关";
    public const string TuiCostUnknown = "费用未知";
    public const string TuiApprovalTitle = "{0} 需要你的批准：";
    public const string TuiApprovalWhy = "原因：{0}";
    public const string TuiApprovalChoices = "[y] 是  [n] 否（然后说明原因）";
    public const string TuiApprovalChoicesRemember = "[y] 是  [a] 是，且对 {0} 不再询问  [n] 否（然后说明原因）";
    public const string TuiApprovalFeedback = "它应该改做什么？（按 Enter 跳过）";
    public const string TuiApproved = "已批准";
    public const string TuiApprovedRemember = "已批准；本会话剩余时间内允许 {0}";
    public const string TuiDeclined = "已拒绝";
    public const string TuiToolRunning = "运行中";
    public const string TuiTodos = "待办";
    public const string TuiNoTodos = "还没有待办事项。";
    public const string TuiRetrying = "{0:0.#} 秒后重试（第 {1} 次）：{2}";
    public const string TuiDiscarded = "（上面的部分回复已丢弃，正在重试）";
    public const string TuiThought = "✻ 思考了 {0:0.0} 秒 · {1} 词（ctrl-o 展开）";
    public const string TuiThinking = "✻ ";
    public const string TuiThinkingTitle = "✻ 思考中";
    public const string TuiMoreLines = "… 还有 {0} 行（ctrl-o 展开）";
    public const string TuiTableMoreRow = "… 表格还有 {0} 行";
    public const string TuiTableMoreRows = "… 表格还有 {0} 行";
    public const string TuiCutLines = "…（ctrl-o 展开）";
    public const string TuiNothingToExpand = "没有可展开的内容：上一轮的推理和工具输出已完整显示。";
    public const string TuiRunEnded = "已停止：{0}";
    public const string TuiGoodbye = "会话 {0} 已保存；用 wright -c 或 wright -r {0} 继续。";
    public const string TuiPastedLines = "[粘贴的文本 #{0} +{1} 行]";
    public const string TuiPastedChars = "[粘贴的文本 #{0} {2} 个字符]";
    public const string TuiMentionAttached = "已附加 {0}（{1:N0} 字节）";
    public const string TuiMentionTruncated = "已附加 {0} 的前 {1:N0} 字节（共 {2:N0} 字节）";
    public const string TuiMentionTruncatedBody = "[已截断：只显示前 {0:N0} 字节，共 {1:N0} 字节]";
    public const string TuiMentionBinary = "{0} 是二进制文件（{1:N0} 字节）；未附加其内容";
    public const string TuiMentionBinaryBody = "[二进制文件，{0:N0} 字节：未附加内容]";
    public const string TuiMentionDirectory = "已附加 {0} 的目录列表（{1} 项）";
    public const string TuiMentionMoreEntries = "[还有 {0} 项]";
    public const string TuiMentionOutside = "@{0} 在工作区之外；未附加";
    public const string TuiMentionUnreadable = "无法读取 @{0}：{1}";
    public const string TuiShellExit = "退出码 {0}";
    public const string TuiShellMoreLines = "… 还有 {0} 行（模型最多能看到 {1:N0} 个字符）";
    public const string TuiShellFailed = "无法运行该命令：{0}";
    public const string TuiHelp = """
        输入：
          Enter 发送；Alt-Enter 或行尾的 \ 换行；上/下方向键浏览历史
          Esc（或 Ctrl-C）中断当前轮；运行期间输入的按键会留在下一个提示中
          @路径                 附加文件（或目录列表）；Tab 补全路径
          !命令                 自己运行 shell 命令（不在沙箱中）；模型会看到其输出
          粘贴                  大段粘贴显示为 [粘贴的文本 #N]，发送时是完整内容
        命令：
          /help                 本列表
          /model provider/model 切换模型（保留对话）
          /mode 模式            权限模式：plan、ask、accept-edits、auto 或 yolo
          /effort low|medium|high
          /compact              立即压缩对话
          /cost                 本会话的 token 和费用
          /context              上下文窗口的占用情况
          /todos                当前的待办列表
          /expand               完整显示上一轮的推理和工具输出（也可用 Ctrl-O）
          /rewind [N]           列出检查点，或把文件和对话回退到第 N 轮之前
          /init                 让模型为此仓库编写 AGENTS.md
          /memory               Wright 为此项目和你记住的内容
          /sessions             此目录最近的会话
          /resume ID            切换到另一个会话
          /clear                清屏并开始新会话
          /quit                 退出（也可用 Ctrl-D，或连按两次 Ctrl-C）
        自定义命令（来自 .wright/commands 和 $WRIGHT_HOME/commands）：
        """;
    public const string TuiUnknownCommand = "未知命令 {0}；/help 可列出所有命令。";
    public const string TuiModelUsage = "用法：/model provider/model（当前为 {0}）";
    public const string TuiModelSwitched = "模型：{0}";
    public const string TuiModelAvailable = "已设置密钥的已知模型：";
    public const string TuiCommandModel = "/{0} 本轮在 {1} 上运行";
    public const string TuiModeUsage = "用法：/mode plan|ask|accept-edits|auto|yolo（当前为 {0}）";
    public const string TuiModeSwitched = "权限模式：{0}";
    public const string TuiEffortUsage = "用法：/effort low|medium|high";
    public const string TuiEffortSet = "推理强度：{0}";
    public const string TuiCost = "本会话：输入 {0:N0} token，输出 {1:N0} token；{2}";
    public const string TuiContext = "上下文：约 {0:N0} / {1:N0} token（{2}%），共 {3} 条消息";
    public const string TuiContextLargest = "占用最多的项：";
    public const string TuiContextTokens = "token";
    public const string TuiRewindNone = "还没有检查点：每轮的第一次改动之前会创建检查点。";
    public const string TuiRewindHint = "/rewind N 会把文件和对话回退到第 N 轮之前。";
    public const string TuiRewound = "已回退到第 {0} 轮之前；安全快照 {1}（用 wright rewind --snapshot {1} 撤销）。";
    public const string TuiNoMemories = "还没有记忆：模型的 remember 工具会添加记忆。";
    public const string TuiNeedsPrompt = "--output-format 用于无界面运行：请传入 -p \"你的任务\"（或从 stdin 管道输入），或去掉 --output-format 进入交互式会话。";

    // command line
    public const string RootDescription = "Wright：与模型无关的编程智能体。用 -p 以无界面方式运行任务，或启动交互式会话。";
    public const string PromptOption = "以无界面方式运行此提示词后退出（'-' 或不带值时从 stdin 读取）。";
    public const string ModelOption = "模型，格式为 provider/model，例如 anthropic/claude-sonnet-4-5、deepseek/deepseek-chat、ollama/qwen3。";
    public const string MaxTurnsOption = "发出这么多次模型请求后停止（状态 max_turns）。";
    public const string CwdOption = "工作区目录（默认：当前目录）。";
    public const string OutputFormatOption = "无界面输出：text（最终答案）、json（一个结果对象）、stream-json（每行一个事件）。";
    public const string PermissionModeOption = "plan（只读）、ask、accept-edits、auto（在沙箱中运行，bwrap 可用时为无界面默认）或 yolo（无沙箱、不询问）。";
    public const string EffortOption = "推理强度：low、medium 或 high（映射到各提供方的设置）。";
    public const string TrustDescription = "按当前内容信任此项目的 .wright/config.json、.wright/mcp.json、自定义命令和 .wright/setup.sh（权限模式、提供方端点、允许规则、钩子、MCP 服务器、命令的 allowed-tools，以及 `wright serve` 在每个尝试的工作树中于沙箱内运行的初始化脚本）。";
    public const string BadCwd = "工作区目录不存在：{0}";
    public const string NoPrompt = "没有提示词：请传入 -p \"你的任务\" 或从 stdin 管道输入。";
    public const string BudgetOption = "运行费用达到这么多美元时停止（状态 budget）。";
    public const string BadOutputFormat = "未知的输出格式“{0}”：可用 text、json 或 stream-json";
    public const string AllowOption = "允许规则，例如 'shell(npm test)'、'edit(src/**)'、'web_fetch(domain:docs.python.org)'（可重复）。";
    public const string AskOption = "询问规则：匹配的调用总是先询问（可重复）。";
    public const string DenyOption = "拒绝规则：匹配的调用永不运行（可重复）。";
    public const string AllowHomeWorkspaceOption = "不经询问就在主目录（或其上级目录，或 /）中工作；否则无界面运行会拒绝。";
    public const string HomeWorkspaceQuestion =
        "{0} 是你的主目录 {1}、其上级目录或 /：智能体可能改动你的点文件、密钥和 shell 启动文件。仍要在这里工作吗？[y/N] ";
    public const string McpFailed = "MCP 服务器“{0}”不可用：{1}（会话将在没有其工具的情况下运行）";
    public const string CheckDepsDescription = "检查 PATH 下各清单文件声明的每个依赖（npm、PyPI、crates.io、Go、NuGet、RubyGems、Packagist）：是否存在、发布多久、使用多少、是否与某个热门包名称相近。有依赖不存在时退出码为 1。";
    public const string CheckDepsPath = "要检查的仓库或文件夹（默认：当前目录）。";
    public const string McpDescription = "管理 MCP 服务器（用户级：$WRIGHT_HOME/mcp.json，项目级：.wright/mcp.json）。";
    public const string ApplyPatchDescription = "把 Codex 格式的补丁（参数或 stdin）应用到当前目录；打印改动的文件。";
    public const string PatchArgument = "补丁文本（'*** Begin Patch' … '*** End Patch'）；省略或为 '-' 时读取 stdin。";
    public const string McpListDescription = "列出已配置的 MCP 服务器，启动它们并显示其状态和工具。";
    public const string McpAddDescription = "添加服务器：wright mcp add NAME COMMAND [ARGS...] 或 wright mcp add NAME URL --transport http|sse。";
    public const string McpRemoveDescription = "移除服务器。";
    public const string McpScopeOption = "user（默认）或 project。";
    public const string McpEnvOption = "stdio 服务器的环境变量，KEY=VALUE（可重复）。";
    public const string McpHeaderOption = "远程服务器的 HTTP 头，'Name: value'（可重复）。";
    public const string McpTransportOption = "stdio（命令的默认值）、http（Streamable HTTP）或 sse。";
    public const string McpAdded = "已将 MCP 服务器“{0}”添加到 {1}";
    public const string McpRemoved = "已从 {1} 移除 MCP 服务器“{0}”";
    public const string McpNotFound = "{1} 中没有名为“{0}”的 MCP 服务器";
    public const string TuiElicitTitle = "MCP 服务器“{0}”询问：";
    public const string TuiElicitUrlDeclined = "MCP 服务器“{0}”请求打开网页以获取输入；Wright 会拒绝此类请求。";
    public const string TuiElicitChoices = "发送？[y] 是 / [n] 否，拒绝 / Esc，取消";
    public const string TuiElicitSent = "已发送";
    public const string TuiElicitDeclined = "已拒绝";
    public const string TuiElicitCancelled = "已取消";
    public const string TuiElicitSeveral = "多个，用逗号分隔";
    public const string TuiElicitNumber = "一个数字";
    public const string TuiElicitInteger = "一个整数";
    public const string TuiElicitDefault = "Enter：{0}";
    public const string McpLoginDescription = "登录远程 MCP 服务器（OAuth：打开浏览器或打印网址）并保存其令牌。";
    public const string McpLogoutDescription = "清除远程 MCP 服务器的已保存登录。";
    public const string McpLoginNotRemote = "MCP 服务器“{0}”以命令方式（stdio）运行；只有远程（http）服务器需要登录";
    public const string McpLoggedIn = "已登录 MCP 服务器“{0}”（{1} 个工具）；令牌保存在 {2}";
    public const string McpNoLoginNeeded = "MCP 服务器“{0}”无需登录即已应答（{1} 个工具）；未保存任何内容";
    public const string McpLoggedOut = "已退出 MCP 服务器“{0}”的登录（其保存的令牌已删除）";
    public const string McpNotLoggedIn = "MCP 服务器“{0}”没有已保存的登录";
    public const string McpUnknownServer = "没有配置名为“{0}”的 MCP 服务器（wright mcp list 可列出）";
    public const string McpNone = "没有配置 MCP 服务器（添加：wright mcp add NAME COMMAND [ARGS...]）";
    public const string Trusted = "已信任 {0}（sha256 {1}）";
    public const string NothingToTrust = "从 {0} 向上没有找到项目配置（.wright/config.json 或 .wright/mcp.json）";
    public const string Cancelled = "已取消";
    public const string ErrorPrefix = "错误：";
    public const string Retrying = "{0:0.0} 秒后重试（第 {1} 次）：{2}";
    public const string ContinueOption = "继续此目录最近的会话。";
    public const string ResumeOption = "恢复指定 id（或唯一的 id 前缀）的会话；参见 `wright sessions`。";
    public const string ForkOption = "配合 -c 或 -r：在从该会话分叉出的新会话中继续（原会话保持不变）。";
    public const string SessionsDescription = "列出此目录（或用 --all 列出全部）已保存的会话，最新的在前：id、更新时间、轮数、费用、目录、标题。";
    public const string SessionsAllOption = "列出所有目录的会话。";
    public const string LimitOption = "最多显示这么多行。";
    public const string NoSessions = "还没有会话。";
    public const string NoSessionsHere = "{0} 中没有会话（试试 --all）。";
    public const string ForkedFrom = "（分叉自 {0}）";
    public const string SubagentOf = "子智能体 {0}：{1}";
    public const string SessionIdArgument = "会话 id 或唯一的 id 前缀（参见 `wright sessions`）。";
    public const string ExportDescription = "把会话导出为 Markdown（默认）或 JSON Lines。";
    public const string ExportFormatOption = "markdown 或 jsonl。";
    public const string ExportOutputOption = "写入此文件而不是标准输出。";
    public const string Exported = "已将 {0} 导出到 {1}";
    public const string SearchDescription = "全文搜索过去的会话和记忆；结果会注明会话和轮次。";
    public const string SearchQueryArgument = "要查找的词（必须全部出现）。";
    public const string NoSearchHits = "没有匹配项。";
    public const string CostDescription = "按日期（UTC）和模型统计用量与费用。";
    public const string CostDaysOption = "向前汇总多少天（默认 30）。";
    public const string NoUsage = "该时段内没有用量记录。";
    public const string CostTotal = "合计：{0}";
    public const string CostUnpriced = "* 部分请求没有已知价格（参见配置中的 providers.<id>.models）；其费用未知，未计入。";
    public const string CostUnknown = "未知";
    public const string CostPlusUnknown = " + ?";
    public const string Refused = "模型拒绝了此请求";
    public const string CompactModelOption = "压缩上下文时撰写摘要的模型（provider/model，默认：会话的模型）。";
    public const string Compacted = "上下文已压缩（{0}）：{1} → {2} token";
    public const string CompactFailed = "上下文压缩失败：{0}";
    public const string NothingToCompact = "无需压缩：对话已经很短。";
    public const string InitDescription = "让模型查看仓库并编写（或改进）AGENTS.md；模型只能读写该文件。";
    public const string RewindDescription = "列出会话的检查点，或恢复其中一个：文件（包括 shell 的改动）、对话，或两者（默认）。";
    public const string RewindTurnArgument = "要回退到的轮次（回到它的改动之前）；省略则列出检查点。";
    public const string RewindSessionOption = "会话 id 或前缀（默认：此目录最近的会话）。";
    public const string RewindFilesOption = "只恢复文件。";
    public const string RewindConversationOption = "只回退对话。";
    public const string RewindDiffOption = "显示恢复文件会带来的改动，但不做任何改动。";
    public const string RewindSnapshotOption = "把文件恢复到此快照 id（例如之前某次回退打印的安全快照，用于撤销它）。";
    public const string RewindHeader = "{0} 的检查点（{1}）：";
    public const string RewindNoCheckpoints = "没有检查点：此会话还没有任何一轮做过改动。";
    public const string RewindNoChanges = "没有改动：文件与该检查点时一致。";
    public const string RewindSkipped = "未改动：{0}（{1}）";
    public const string RewindFilesRestored = "已恢复 {0} 个文件；撤销：wright rewind --snapshot {1}";
    public const string RewindConversationRestored = "对话已回退：保留 {0} 条消息；用 wright -c 继续";
    public const string RewindInHeadless = "这里的 /rewind 是一个独立命令：运行 `wright rewind` 列出检查点，运行 `wright rewind N` 回退。";

    // errors, config, doctor, completion
    public const string UnknownOption = "{1} 没有选项 {0}（参见 {1} --help）";
    public const string UnknownOptionNearest = "未知选项 {0}；你是指 {1} 吗？";
    public const string UnknownCommandNearest = "未知命令“{0}”；你是指“{1}”吗？";
    public const string SeeHelp = "（参见 {0} --help）";
    public const string PromptArgument = "以此作为第一条提示词启动交互式会话（配合 -p 则以无界面方式运行）。";
    public const string CompletionDescription = "打印 shell 补全脚本：bash、zsh 或 fish（例如 eval \"$(wright completion bash)\"）。";
    public const string CompletionShellArgument = "bash、zsh 或 fish。";
    public const string ConfigDescription = "显示配置：每个已设置的值及其来源文件（或环境变量）。";
    public const string ConfigSetDescription = "在用户配置（$WRIGHT_HOME/config.json）中设置一个值，例如 wright config set model deepseek/deepseek-chat。";
    public const string ConfigGetDescription = "打印一个值。";
    public const string ConfigKeyArgument = "键名，嵌套的键用点分隔（例如 model、permission_mode、compaction.threshold_percent）。";
    public const string ConfigValueArgument = "值（数字和 true/false 会按类型写入；列表用逗号分隔）。";
    public const string ConfigProjectOption = "改为写入项目的 .wright/config.json（放宽权限的设置需要 `wright trust`）。";
    public const string ConfigEmpty = "尚未配置任何内容（{0} 不存在或为空）；例如 wright config set model deepseek/deepseek-chat";
    public const string ConfigNotSet = "{0} 未设置";
    public const string ConfigUnknownKey = "未知的配置键 \"{0}\"（wright config 可显示正在使用的键）";
    public const string ConfigUnknownKeyNearest = "未知的配置键 \"{0}\"；你是指 \"{1}\" 吗？";
    public const string ConfigBadValue = "\"{0}\" 的类型必须是 {2}，实际为“{1}”";
    public const string ConfigSet = "{0} = {1}（已写入 {2}）";
    public const string DoctorDescription = "检查安装：二进制文件、$WRIGHT_HOME、配置、沙箱、网络代理、密钥、端点、MCP 服务器、git。";
    public const string DoctorBinary = "wright {1}，位于 {0}";
    public const string DoctorHomeOk = "$WRIGHT_HOME {0} 可写";
    public const string DoctorHomeBad = "$WRIGHT_HOME {0} 不可用：{1} — 修复：把 WRIGHT_HOME 指向一个可写的目录";
    public const string DoctorHomeIsFile = "它是文件而不是目录";
    public const string DoctorConfigOk = "配置可读（{0}）";
    public const string DoctorConfigWarnings = "配置：{0} 条警告，第一条：{1}";
    public const string DoctorSandboxOk = "沙箱：bubblewrap（用户命名空间和 seccomp）可用（可以使用权限模式 auto）";
    public const string DoctorSandboxBad = "沙箱不可用：{0} — 修复：apt install bubblewrap 并允许非特权用户命名空间（sysctl kernel.unprivileged_userns_clone=1）";
    public const string DoctorProxyOk = "网络白名单代理：已有 socat";
    public const string DoctorProxyBad = "网络白名单代理需要 socat（sandbox.network.allow 将保持离线）— 修复：apt install socat";
    public const string DoctorKeys = "已设置密钥的提供方：{0}";
    public const string DoctorKeyStored = "{0}，保存在 {1}";
    public const string DoctorNoKeys = "没有设置任何提供方密钥 — 修复：导出例如 ANTHROPIC_API_KEY 或 DEEPSEEK_API_KEY，或使用本地的 Ollama / LM Studio";
    public const string DoctorNoModel = "未配置模型（若本地 Ollama / LM Studio 应答则使用它）— 修复：wright config set model provider/model";
    public const string DoctorModelBad = "模型 {0}：{1}";
    public const string DoctorEndpointOk = "模型 {0}：端点 {1} 有应答";
    public const string DoctorEndpointBad = "模型 {0}：端点 {1} 无应答：{2} — 修复：检查网络或 providers.<id>.base_url";
    public const string DoctorMcpOk = "MCP 服务器 {0}：{1}";
    public const string DoctorMcpMissing = "MCP 服务器 {0}：找不到程序 {1} — 修复：安装它或更正 mcp.json";
    public const string DoctorMcpNone = "MCP：未配置服务器";
    public const string DoctorGitOk = "git：{0}（回退检查点可用）";
    public const string DoctorGitMissing = "找不到 git：回退检查点已关闭 — 修复：apt install git";
    public const string DoctorAllGood = "所需的一切均正常。";
    public const string DoctorProblems = "有 {0} 个问题需要修复（标记为 ✗）。";
    public const string IncludePartialOption = "配合 --output-format stream-json：同时输出 Wright 的细粒度事件（文本和推理增量、用量、重试、检查点）。";
    public const string InputFormatOption = "text（默认）或 stream-json：stdin 上每行一条 JSON 用户消息（{\"type\":\"user\",\"message\":{...}}），每条运行一次。";
    public const string VerboseOption = "为兼容 Claude Code 而接受（stream-json 总是完整的）。";
    public const string StoppedMaxTurns = "已停止：运行达到了 --max-turns（{0} 次模型请求）；用 wright -c 继续";
    public const string StoppedBudget = "已停止：运行达到了 --max-budget-usd；用 wright -c（并提高预算）继续";
    public const string BadStreamJsonInput = "stdin 第 {0} 行不是 stream-json 用户消息：{1}";

    // wright serve and wright task
    public const string ServeDescription = "运行后台智能体：任务队列、在 git 工作树中进行的尝试、HTTP API 和网页仪表板（仅回环地址；每个请求都需要打印出的令牌）。";
    public const string FleetNodeMissing = "集群节点是单独的程序 wright-node，而 {0} 不存在：用 ./wright.sh serve --cluster … 构建并启动它（见 docs/fleet.md）。";
    public const string FleetNodeFailed = "无法启动 {0}（errno {1}）。";
    public const string ServePortOption = "HTTP 端口（默认 8420；0：任选一个空闲端口）。";
    public const string ServeMaxParallelOption = "同时运行的尝试数上限（默认：CPU 核心数）。";
    public const string ServeRepoRootOption = "任务可使用其中 git 仓库的目录（可重复；默认：当前目录，除非它是 / 或主目录）。";
    public const string ServeHostOption = "要绑定的地址（默认 127.0.0.1）。非回环地址需要 --expose。";
    public const string ServeExposeOption = "允许 --host 为其他机器可访问的地址。";
    public const string ServeAllowedHostOption = "除回环名称和 IP 地址外，客户端可在 Host 头中使用的主机名（可重复）。";
    public const string ServeSetupTimeoutOption = "仓库中已信任的 .wright/setup.sh 在新工作树中最多可运行的秒数，超时即尝试失败（默认 600）。";
    public const string ServeBadSetupTimeout = "--setup-timeout 至少为 1 秒，实际为 {0}";
    public const string ServeApprovalTimeoutOption = "ask 模式下的尝试等待批准的秒数，超时即以失败结束（默认 1800）。";
    public const string ServeWorktreesOption = "尝试的工作树存放位置（默认：$WRIGHT_HOME-worktrees，位于 Wright 主目录旁，沙箱会隐藏后者）。";
    public const string ServeNeedsExpose = "--host {0} 可被其他机器访问：请加上 --expose 才能在该地址监听。";
    public const string ServeBadParallel = "--max-parallel 至少为 1（收到 {0}）。";
    public const string ServeBadTimeout = "--approval-timeout 必须是正的秒数（收到 {0}）。";
    public const string ServeListening = "wright serve：仪表板地址 {0}?token={1}";
    public const string ServeTokenFile = "令牌保存在 {0}（或设置 WRIGHT_SERVER_TOKEN）";
    public const string ServeRoots = "允许的仓库位于：{0}";
    public const string ServeNoRoots = "没有仓库根目录：请用 --repo-root DIR 指定（当前目录 {0} 范围太大）";
    public const string ServeExposed = "警告：正在监听 {0}，其他机器可以访问";
    public const string ServeBindFailed = "无法在 {0}:{1} 监听：{2}";
    public const string TaskDescription = "在运行中的 wright serve 上排队并跟踪后台任务（WRIGHT_SERVER、WRIGHT_SERVER_TOKEN）。";
    public const string TaskAddDescription = "排队一个任务；打印其 id。";
    public const string TaskLsDescription = "列出任务。";
    public const string TaskShowDescription = "显示一个任务及其尝试。";
    public const string TaskLogsDescription = "打印任务的事件（stream-json）；-f 持续跟踪直到任务结束。";
    public const string TaskDiffDescription = "打印一次尝试的差异（ID 或 ID/N）。";
    public const string TaskApplyDescription = "将一次尝试的分支合并到你的仓库（ID 或 ID/N）。";
    public const string TaskCancelDescription = "取消一个任务。";
    public const string TaskRepoOption = "仓库（默认：当前目录）。";
    public const string TaskAttemptsOption = "并行运行的尝试数（N 选最优）。";
    public const string TaskModelOption = "模型，格式为 provider/model。";
    public const string TaskModeOption = "权限模式（默认 auto）。";
    public const string TaskFollowOption = "持续跟踪直到任务结束。";
    public const string TaskIntoOption = "要合并到的分支（默认：任务的基准分支）。";
    public const string TaskNoToken = "没有服务器令牌：请设置 WRIGHT_SERVER_TOKEN 或启动 wright serve（它把令牌保存在 {0}）";
    public const string TaskUnreachable = "无法连接 {0} 上的服务器：{1}";
    public const string TaskLostServer = "与服务器失去连接：它已连续 {0} 秒无法访问（{1}）；重新运行该命令即可继续";
    public const string TaskBadId = "'{0}' 不是 ID 或 ID/N";

    // wright eval, wright models, fallback, routes, architect/editor
    public const string EvalDescription = "在一组可验证的任务上评估模型（Harbor / Terminal-Bench 2、Aider polyglot、SWE 风格的 JSONL）";
    public const string EvalSuiteArgument = "任务集：一个任务文件夹或一个 .jsonl 文件";
    public const string EvalModelOption = "要评估的配置，写作 provider/model（可重复以评估多个）";
    public const string EvalAttemptsOption = "每个任务和配置的尝试次数（pass@K 中的 K）";
    public const string EvalParallelOption = "同时运行的尝试数，每个尝试使用自己的工作区";
    public const string EvalOutOption = "把 results.json 和 report.html 写入此文件夹";
    public const string EvalCheckOption = "检查任务集：参考解法通过，未改动的任务失败";
    public const string EvalResumeOption = "继续一次被中断的运行（其 id 或唯一前缀）";
    public const string EvalTaskBudgetOption = "每次尝试的预算上限（美元）";
    public const string EvalRunBudgetOption = "整次运行的预算上限（美元；用完后尚未开始的尝试会被跳过）";
    public const string EvalArchitectOption = "同时评估一对架构师/编辑者：架构师模型用只读工具制定计划（需要 --editor）";
    public const string EvalEditorOption = "这一对中的编辑者模型：它用编辑工具执行架构师的计划";
    public const string EvalArchitectNeedsEditor = "--architect 和 --editor 必须一起使用";
    public const string EvalPairLabel = "架构师 {0} + 编辑者 {1}";
    public const string EvalTaskOption = "只运行 id 包含此文本的任务（可重复）";
    public const string EvalEnvOption = "任务在哪里运行：local（沙箱中的本机工具链）或 docker";
    public const string EvalNeedsSuite = "请给出一个任务集（任务文件夹或 .jsonl 文件），或使用 --resume RUN";
    public const string EvalBadCounts = "--attempts 和 --parallel 至少为 1";
    public const string EvalCheckSummary = "{0}/{1} 个任务正常（{2} 个失败，{3} 个环境错误，{4} 个格式错误）";
    public const string EvalWrote = "已写入 {0} 和 {1}";
    public const string EvalDiffDescription = "显示两次已保存的运行之间哪些任务的结果变了";
    public const string EvalReportDescription = "显示一次已保存运行的排行榜（加 --out 时写出它的 results.json 和 report.html）";
    public const string ArchitectOption = "架构师/编辑者模式（无界面）：此模型用只读工具制定计划，编辑者执行计划（另一半来自 --editor 或 models.editor）";
    public const string EditorOption = "架构师/编辑者模式（无界面）：此模型用编辑工具执行架构师的计划（另一半来自 --architect 或 models.architect）";
    public const string ArchitectEditorIncomplete = "架构师/编辑者模式需要两个模型：请给出 --architect 和 --editor，或在配置中设置 models.architect 和 models.editor";
    public const string ArchitectEditorNoResume = "架构师/编辑者模式会启动新的会话：不能继续、恢复或分叉已有会话";
    public const string FallbackOption = "当前一个模型彻底失败（速率限制、配额、5xx、过载、超时）或上下文放不下时尝试的模型（可重复以组成列表）";
    public const string ModelSwitchedLine = "由 {1} 代替 {0} 回答：{2}";
    public const string ModelsDescription = "列出已知模型及其上下文窗口、价格（每百万 token 的美元价）、是否设置了密钥，以及配置中的角色";
    public const string ModelsHeader = "模型|窗口|最大输出|输入 $/M|输出 $/M|密钥|角色";
    public const string ModelsKeySet = "已设置";
    public const string ModelsNoKey = "缺失";
    public const string ModelsUnknownProvider = "未知提供方";
    public const string ExecDescription = "以无界面方式运行一条提示，与 Codex 的 `codex exec` 相同（未给出提示或给出 - 时从标准输入读取）。";
    public const string ExecJsonOption = "以 JSON Lines 输出 Codex exec --json 的事件（thread.started、turn.started、item.*、turn.completed / turn.failed）。";
    public const string ExecLastMessageOption = "同时把最终回答写入此文件。";
    public const string ExecSkipGitCheckOption = "为兼容 Codex 而接受；Wright 不要求 git 仓库。";
    public const string TuiArchitectEditor = "架构师/编辑者模式：{0} 使用只读工具制定计划，{1} 执行该计划";
    public const string TuiArchitectTurn = "架构师 {0} 正在制定计划";
    public const string TuiEditorTurn = "编辑者 {0} 正在执行计划";
}
