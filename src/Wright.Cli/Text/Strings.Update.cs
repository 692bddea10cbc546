using Wright.Core.Localization;

namespace Wright.Cli.Text;

/// <summary><c>wright update</c> and the update notice, in English and Chinese (<see cref="UiLanguage"/>).</summary>
internal static partial class Strings
{
    public static string UpdateDescription => UiLanguage.Pick(
        "Check for a newer Wright release and install it: asks first, verifies the SHA-256, replaces the binary atomically and keeps the previous one for --rollback.",
        "检查是否有更新的 Wright 版本并安装：先询问，校验 SHA-256，原子地替换程序，并保留旧版本以便 --rollback 恢复。");
    public static string UpdateCheckOption => UiLanguage.Pick(
        "Only say whether a newer release exists; change nothing.",
        "只检查是否有新版本，不做任何更改。");
    public static string UpdateYesOption => UiLanguage.Pick(
        "Install without asking (what happens is still printed).",
        "不询问直接安装（仍会显示每一步）。");
    public static string UpdateRollbackOption => UiLanguage.Pick(
        "Put back the binary that the last update (or rollback) replaced.",
        "恢复上一次更新（或回退）之前的程序。");
    public static string UpdateDisabled => UiLanguage.Pick(
        "updates are turned off here ({0} is set); nothing was checked.",
        "此处已关闭更新（已设置 {0}），未进行检查。");
    public static string UpdateNoUrl => UiLanguage.Pick(
        "no release URL for this build: set WRIGHT_UPDATE_URL, or \"update\": {{\"url\": \"https://…\"}} in {0}.",
        "此版本没有发布地址：请设置 WRIGHT_UPDATE_URL，或在 {0} 中写入 \"update\": {{\"url\": \"https://…\"}}。");
    public static string UpdateBadUrl => UiLanguage.Pick(
        "the release URL {0} ({1}) is refused: use https (plain http only for a loopback address).",
        "拒绝使用发布地址 {0}（来自 {1}）：请使用 https（只有回环地址可用 http）。");
    public static string UpdateBadConfig => UiLanguage.Pick(
        "cannot read \"update\" in {0}: {1}",
        "无法读取 {0} 中的 \"update\"：{1}");
    public static string UpdateChecking => UiLanguage.Pick(
        "checking {0} for a newer release…",
        "正在检查 {0} 是否有新版本…");
    public static string UpdateFetchFailed => UiLanguage.Pick(
        "could not read {0}: {1}",
        "无法读取 {0}：{1}");
    public static string UpdateBadManifest => UiLanguage.Pick(
        "the release manifest {0} is not valid: {1}",
        "发布清单 {0} 无效：{1}");
    public static string UpdateNoAsset => UiLanguage.Pick(
        "release {0} has no build for this platform ({1}).",
        "版本 {0} 没有适用于此平台（{1}）的构建。");
    public static string UpdateUpToDate => UiLanguage.Pick(
        "Wright {0} is up to date (the latest release is {1}).",
        "Wright {0} 已是最新（最新发布为 {1}）。");
    public static string UpdateAvailable => UiLanguage.Pick(
        "Wright {0} is available (you have {1}); run `wright update` to install it.",
        "Wright {0} 已发布（当前为 {1}）；运行 `wright update` 即可安装。");
    public static string UpdateConfirm => UiLanguage.Pick(
        "Replace Wright {0} at {1} with {2}? [y/N] ",
        "将 {1} 处的 Wright {0} 更新为 {2}？[y/N] ");
    public static string UpdateNeedsConfirmation => UiLanguage.Pick(
        "not changing anything without confirmation: run this on a terminal, or pass --yes.",
        "未经确认不会做任何更改：请在终端中运行，或加上 --yes。");
    public static string UpdateDeclined => UiLanguage.Pick(
        "nothing was changed.",
        "未做任何更改。");
    public static string UpdateDownloading => UiLanguage.Pick(
        "downloading {0}…",
        "正在下载 {0}…");
    public static string UpdateDownloadFailed => UiLanguage.Pick(
        "could not download {0}: {1}. Nothing was changed.",
        "无法下载 {0}：{1}。未做任何更改。");
    public static string UpdateChecksumMismatch => UiLanguage.Pick(
        "{0} failed its checksum: the release says sha256 {1}, the download is {2}. Nothing was changed.",
        "{0} 校验失败：发布清单中的 sha256 为 {1}，下载文件为 {2}。未做任何更改。");
    public static string UpdateChecksumOk => UiLanguage.Pick(
        "sha256 verified: {0}",
        "sha256 校验通过：{0}");
    public static string UpdateBadTarball => UiLanguage.Pick(
        "{0} is not a usable release tarball: {1}. Nothing was changed.",
        "{0} 不是可用的发布包：{1}。未做任何更改。");
    public static string UpdateNewBinaryFailed => UiLanguage.Pick(
        "the downloaded binary does not run as Wright {0} (it said: {1}). Nothing was changed.",
        "下载的程序无法作为 Wright {0} 运行（输出：{1}）。未做任何更改。");
    public static string UpdateInstalled => UiLanguage.Pick(
        "updated Wright {0} → {1} at {2}; the previous binary is kept at {3} (`wright update --rollback` puts it back).",
        "已将 {2} 处的 Wright 从 {0} 更新到 {1}；旧程序保留在 {3}（`wright update --rollback` 可恢复）。");
    public static string UpdateManaged => UiLanguage.Pick(
        "this Wright ({0}) was installed by {1}: update it with `{2}`.",
        "此 Wright（{0}）由 {1} 安装：请用 `{2}` 更新。");
    public static string UpdateCannotWrite => UiLanguage.Pick(
        "cannot replace {0}: {1}. Nothing was changed.",
        "无法替换 {0}：{1}。未做任何更改。");
    public static string UpdateUnknownBinary => UiLanguage.Pick(
        "cannot tell which file this Wright runs from, so it cannot be replaced.",
        "无法确定当前 Wright 的程序文件，因此无法替换。");
    public static string RollbackNothing => UiLanguage.Pick(
        "no previous binary at {0}: nothing to roll back.",
        "{0} 没有旧程序：无可回退。");
    public static string RollbackBroken => UiLanguage.Pick(
        "the previous binary at {0} does not run ({1}); nothing was changed.",
        "{0} 处的旧程序无法运行（{1}）；未做任何更改。");
    public static string RollbackConfirm => UiLanguage.Pick(
        "Put back Wright {0} at {1} (replacing {2})? [y/N] ",
        "将 {1} 恢复为 Wright {0}（替换 {2}）？[y/N] ");
    public static string RollbackDone => UiLanguage.Pick(
        "rolled back Wright {0} → {1} at {2}; {0} is kept at {3} (`wright update --rollback` again returns to it).",
        "已将 {2} 处的 Wright 从 {0} 回退到 {1}；{0} 保留在 {3}（再次运行 `wright update --rollback` 可恢复）。");
}
