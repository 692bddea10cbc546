namespace Wright.Cli.Text;

/// <summary>zh-CN: the interactive session's live progress, slash menu, pickers, resume recap, images and first-run setup.</summary>
internal static partial class StringsZhCN
{
    public const string TuiProgressModel = "{0} 处理中… {1} · ↓ {2:N0} token · Esc 中断";
    public const string TuiProgressTool = "{0} {1} 运行中… {2}";
    public const string TuiTypeAheadDraft = "（留在下一个提示中）";
    public const string TuiTypeAheadQueued = "（已排队：本轮结束后发送）";
    public const string TuiSkillPrompt = "使用 {0} 技能。{1}";
    public const string TuiSkillDescription = "技能：{0}";
    public const string TuiPickerHint = "↑/↓ 选择 · 输入以筛选 · Enter 确定 · Esc 取消";
    public const string TuiPickerFilter = "筛选：{0}";
    public const string TuiPickerNoMatch = "（无匹配）";
    public const string TuiModelPickerTitle = "选择模型（当前 {0}）：";
    public const string TuiModelNoneReady = "没有已知模型的提供方设置了密钥；请设置例如 DEEPSEEK_API_KEY，或使用 /model provider/model。";
    public const string TuiPickerCancelled = "（未更改）";
    public const string TuiRecapTitle = "── 之前的对话（共 {1} 个提示中的最后 {0} 个）──";
    public const string TuiRecapToolCalls = "（{0} 次工具调用）";
    public const string TuiRewindQuestion = "把文件和对话回退到第 {0} 个提示（“{1}”）之前？[y/N] ";
    public const string TuiRewindKept = "没有回退任何内容。";
    public const string TuiRewindUnknown = "没有检查点 {0}；/rewind 会列出检查点。";
    public const string TuiRewindHeader = "检查点，按你的提示编号（用 /rewind N 回退）：";
    public const string TuiRewoundPrompt = "已回退到第 {0} 个提示之前；安全快照 {1}（用 wright rewind --snapshot {1} 撤销）。";
    public const string TuiImageAttached = "已附加图片 {0}（{1}，{2:N0} 字节）";
    public const string TuiImageTooLarge = "{0} 有 {1:N0} 字节，超过图片上限 {2:N0} 字节；未附加";
    public const string TuiImageNotTaken = "{0} 不接受图片；{1} 未附加（可用 /model 切换）";
    public const string SetupWelcome = "欢迎使用 Wright。还没有设置模型：选择提供方，提供其密钥，再选择模型（Esc 退出）。";
    public const string SetupPickProvider = "1/3 选择提供方：";
    public const string SetupLocalFound = "正在本机运行，{0} 个模型，无需密钥";
    public const string SetupKeySet = "已设置密钥（{0}）";
    public const string SetupNeedsKey = "需要密钥（{0}）";
    public const string SetupKeyPrompt = "2/3 粘贴 {0} 的 API 密钥（保存在 {1}，仅你可读），或输入 $变量名 从环境变量读取（例如 ${2}）：";
    public const string SetupKeyStored = "密钥已保存在 {0}（权限 0600）";
    public const string SetupVariableUsed = "{0} 从 ${1} 读取密钥（已保存在 {2}）";
    public const string SetupVariableUnset = "当前 shell 中没有设置 ${0}：请导出它，否则请求会因缺少密钥而失败";
    public const string SetupPickModel = "3/3 选择 {0} 的模型：";
    public const string SetupTypeModel = "3/3 输入 {0} 模型的名称（按提供方的写法）：";
    public const string SetupDone = "完成：{0} 是所有会话的模型（保存在 {1}；可用 /model 或 wright config set model 更改）。";
    public const string SetupLeft = "已退出设置，没有更改其他内容。请再次运行 wright，或传入 --model provider/model。";
}
