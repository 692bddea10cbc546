using Wright.Core.Localization;
namespace Wright.Cli.Text;

/// <summary>The interactive session's live progress, slash menu, pickers, resume recap, images and first-run setup.</summary>
internal static partial class Strings
{
    public static string TuiProgressModel => UiLanguage.Pick("{0} Working… {1} · ↓ {2:N0} tokens · esc to interrupt", StringsZhCN.TuiProgressModel);
    public static string TuiProgressTool => UiLanguage.Pick("{0} {1} running… {2}", StringsZhCN.TuiProgressTool);
    public static string TuiTypeAheadDraft => UiLanguage.Pick("(waits in the next prompt)", StringsZhCN.TuiTypeAheadDraft);
    public static string TuiTypeAheadQueued => UiLanguage.Pick("(queued: sent when this turn ends)", StringsZhCN.TuiTypeAheadQueued);
    public static string TuiSkillPrompt => UiLanguage.Pick("Use the {0} skill. {1}", StringsZhCN.TuiSkillPrompt);
    public static string TuiSkillDescription => UiLanguage.Pick("skill: {0}", StringsZhCN.TuiSkillDescription);
    public static string TuiPickerHint => UiLanguage.Pick("↑/↓ select · type to filter · Enter choose · Esc cancel", StringsZhCN.TuiPickerHint);
    public static string TuiPickerFilter => UiLanguage.Pick("filter: {0}", StringsZhCN.TuiPickerFilter);
    public static string TuiPickerNoMatch => UiLanguage.Pick("(no match)", StringsZhCN.TuiPickerNoMatch);
    public static string TuiModelPickerTitle => UiLanguage.Pick("Choose a model (now {0}):", StringsZhCN.TuiModelPickerTitle);
    public static string TuiModelNoneReady => UiLanguage.Pick("No known model has its provider's key set here; set e.g. DEEPSEEK_API_KEY, or use /model provider/model.", StringsZhCN.TuiModelNoneReady);
    public static string TuiPickerCancelled => UiLanguage.Pick("(unchanged)", StringsZhCN.TuiPickerCancelled);
    public static string TuiRecapTitle => UiLanguage.Pick("── the conversation so far (last {0} of {1} prompts) ──", StringsZhCN.TuiRecapTitle);
    public static string TuiRecapToolCalls => UiLanguage.Pick("({0} tool calls)", StringsZhCN.TuiRecapToolCalls);
    public static string TuiRewindQuestion => UiLanguage.Pick("Restore the files and the conversation to before prompt {0} (\"{1}\")? [y/N] ", StringsZhCN.TuiRewindQuestion);
    public static string TuiRewindKept => UiLanguage.Pick("Nothing was restored.", StringsZhCN.TuiRewindKept);
    public static string TuiRewindUnknown => UiLanguage.Pick("There is no checkpoint {0}; /rewind lists them.", StringsZhCN.TuiRewindUnknown);
    public static string TuiRewindHeader => UiLanguage.Pick("Checkpoints, by your prompts (restore with /rewind N):", StringsZhCN.TuiRewindHeader);
    public static string TuiRewoundPrompt => UiLanguage.Pick("Restored to before prompt {0}; safety snapshot {1} (undo with wright rewind --snapshot {1}).", StringsZhCN.TuiRewoundPrompt);

    public static string TuiImageAttached => UiLanguage.Pick("attached image {0} ({1}, {2:N0} bytes)", StringsZhCN.TuiImageAttached);
    public static string TuiImageTooLarge => UiLanguage.Pick("{0} is {1:N0} bytes, more than the {2:N0} an image may have; not attached", StringsZhCN.TuiImageTooLarge);
    public static string TuiImageNotTaken => UiLanguage.Pick("{0} does not take images; {1} was not attached (switch with /model)", StringsZhCN.TuiImageNotTaken);

    public static string SetupWelcome => UiLanguage.Pick("Welcome to Wright. No model is set up yet: choose a provider, give its key, choose a model (Esc leaves).", StringsZhCN.SetupWelcome);
    public static string SetupPickProvider => UiLanguage.Pick("1/3 Choose a provider:", StringsZhCN.SetupPickProvider);
    public static string SetupLocalFound => UiLanguage.Pick("running here, {0} models, no key needed", StringsZhCN.SetupLocalFound);
    public static string SetupKeySet => UiLanguage.Pick("key set ({0})", StringsZhCN.SetupKeySet);
    public static string SetupNeedsKey => UiLanguage.Pick("needs a key ({0})", StringsZhCN.SetupNeedsKey);
    public static string SetupKeyPrompt => UiLanguage.Pick("2/3 Paste the {0} API key (it is stored in {1}, readable only by you), or type $NAME to read it from an environment variable (e.g. ${2}):", StringsZhCN.SetupKeyPrompt);
    public static string SetupKeyStored => UiLanguage.Pick("key stored in {0} (mode 0600)", StringsZhCN.SetupKeyStored);
    public static string SetupVariableUsed => UiLanguage.Pick("{0} reads its key from ${1} (saved in {2})", StringsZhCN.SetupVariableUsed);
    public static string SetupVariableUnset => UiLanguage.Pick("${0} is not set in this shell: export it, or requests will fail for want of a key", StringsZhCN.SetupVariableUnset);
    public static string SetupPickModel => UiLanguage.Pick("3/3 Choose a model of {0}:", StringsZhCN.SetupPickModel);
    public static string SetupTypeModel => UiLanguage.Pick("3/3 Type the name of a {0} model (as the provider names it):", StringsZhCN.SetupTypeModel);
    public static string SetupDone => UiLanguage.Pick("Done: {0} is the model of every session (saved in {1}; change it with /model or wright config set model).", StringsZhCN.SetupDone);
    public static string SetupLeft => UiLanguage.Pick("Setup left; nothing else was changed. Run wright again, or pass --model provider/model.", StringsZhCN.SetupLeft);

    /// <summary>What a built-in slash command does, as the menu shows it.</summary>
    public static string SlashDescription(string name) => name switch
    {
        "help" => UiLanguage.Pick("list the commands and keys", "列出命令和按键"),
        "model" => UiLanguage.Pick("switch the model (a picker without an argument)", "切换模型（不带参数时打开选择器）"),
        "mode" => UiLanguage.Pick("permission mode: plan, ask, accept-edits, auto, yolo", "权限模式：plan、ask、accept-edits、auto、yolo"),
        "effort" => UiLanguage.Pick("reasoning effort: low, medium, high", "推理强度：low、medium、high"),
        "compact" => UiLanguage.Pick("compact the conversation now", "立即压缩对话"),
        "cost" => UiLanguage.Pick("this session's tokens and cost", "本会话的 token 和费用"),
        "context" => UiLanguage.Pick("how full the context window is", "上下文窗口的占用情况"),
        "todos" => UiLanguage.Pick("the current todo list", "当前待办列表"),
        "expand" => UiLanguage.Pick("the last turn in full (also Ctrl-O)", "完整显示上一轮（也可用 Ctrl-O）"),
        "rewind" => UiLanguage.Pick("list checkpoints, or restore to before prompt N", "列出检查点，或回退到第 N 个提示之前"),
        "init" => UiLanguage.Pick("have the model write AGENTS.md", "让模型编写 AGENTS.md"),
        "memory" => UiLanguage.Pick("what Wright remembers", "Wright 记住的内容"),
        "sessions" => UiLanguage.Pick("recent sessions of this directory", "此目录最近的会话"),
        "resume" => UiLanguage.Pick("switch to another session", "切换到另一个会话"),
        "clear" => UiLanguage.Pick("clear the screen and start a new session", "清屏并开始新会话"),
        "quit" => UiLanguage.Pick("exit (also Ctrl-D)", "退出（也可用 Ctrl-D）"),
        _ => "",
    };
}
