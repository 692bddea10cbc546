using System.Globalization;

namespace Wright.Permissions.Dependencies.Text;

/// <summary>
/// Every user- and model-facing string of the dependency check, in English and Simplified Chinese (zh-CN). Hosts use
/// <see cref="Current"/>, the interface's language; <see cref="For"/> reads an environment alone, by the interface's rules
/// (<see cref="Wright.Core.Localization.UiLanguage.Choose"/> without a config). What registries say enters only as numbers and dates, never as text.
/// </summary>
public sealed class DependencyText
{
    /// <summary>English.</summary>
    public static DependencyText English { get; } = new(chinese: false);

    /// <summary>Simplified Chinese.</summary>
    public static DependencyText Chinese { get; } = new(chinese: true);

    private readonly bool _chinese;

    private DependencyText(bool chinese) => _chinese = chinese;

    /// <summary>The interface's language as the process chose it (<see cref="Wright.Core.Localization.UiLanguage"/>).</summary>
    public static DependencyText Current => Wright.Core.Localization.UiLanguage.IsChinese ? Chinese : English;

    /// <summary>The language of an environment (see the class summary).</summary>
    public static DependencyText For(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Wright.Core.Localization.UiLanguage.Choose(environment, () => null) == Wright.Core.Localization.UiLanguage.Chinese ? Chinese : English;
    }

    private string T(string english, string chinese) => _chinese ? chinese : english;

    private string F(string english, string chinese, params object?[] args) => string.Format(CultureInfo.InvariantCulture, T(english, chinese), args);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A registry's name.</summary>
    public string Registry(Ecosystem ecosystem) => ecosystem switch
    {
        Ecosystem.Npm => "npm",
        Ecosystem.PyPI => "PyPI",
        Ecosystem.Crates => "crates.io",
        Ecosystem.Go => T("the Go module proxy", "Go 模块代理"),
        Ecosystem.NuGet => "NuGet",
        Ecosystem.RubyGems => "RubyGems",
        _ => "Packagist",
    };

    /// <summary>An ecosystem's short name for tables.</summary>
    public static string Short(Ecosystem ecosystem) => ecosystem switch
    {
        Ecosystem.Npm => "npm",
        Ecosystem.PyPI => "PyPI",
        Ecosystem.Crates => "crates.io",
        Ecosystem.Go => "Go",
        Ecosystem.NuGet => "NuGet",
        Ecosystem.RubyGems => "RubyGems",
        _ => "Packagist",
    };

    // ---- one package --------------------------------------------------------------------------------------------

    public string Missing(string name, Ecosystem ecosystem) => F("{0} does not exist on {1}", "{1} 上不存在 {0}", name, Registry(ecosystem));

    public string DidYouMean(IReadOnlyList<string> names) => F("did you mean {0}?", "你是不是想要 {0}？", string.Join(T(" or ", " 或 "), names));

    public string MissingPrivate(string name, string registry) => F("{0} does not exist on the private registry {1}", "私有源 {1} 上不存在 {0}", name, registry);

    public string Unreachable(string name, Ecosystem ecosystem, string why) =>
        F("{0}: {1} could not be reached ({2}), so Wright could not check it", "{0}：无法连接 {1}（{2}），因此 Wright 无法检查它", name, Registry(ecosystem), why);

    public string UnreachablePrivate(string name, string registry, string why) =>
        F("{0}: the private registry {1} could not be reached ({2}), so Wright could not check it", "{0}：无法连接私有源 {1}（{2}），因此 Wright 无法检查它", name, registry, why);

    public string NotSent(string name, Ecosystem ecosystem) =>
        F("{0}: not sent to {1} while this session holds untrusted content, so Wright did not check it",
            "{0}：本会话含有不可信内容，名称未发送给 {1}，因此 Wright 未检查它", name, Registry(ecosystem));

    public string Popular(string name) => F("{0} is one of the most used packages", "{0} 是最常用的包之一", name);

    public string Present(string name) => F("{0} is already part of the project", "{0} 已经是项目的依赖", name);

    public string Allowlisted(string name) => F("{0} is on the allowlist", "{0} 在允许列表中", name);

    public string Private(string name) => F("{0} is a private package of your configuration", "{0} 是配置中声明的私有包", name);

    public string PrivateFound(string name, string registry) => F("{0} exists on the private registry {1}", "私有源 {1} 上有 {0}", name, registry);

    public string PrivateUntrusted(string name, string file) =>
        F("{0} is declared private by {1}, a project config that is not trusted, so Wright did not look it up",
            "{0} 由不受信任的项目配置 {1} 声明为私有包，因此 Wright 没有查询它", name, file);

    public string InvalidName(string name) => F("{0} is not a valid package name", "{0} 不是合法的包名", name);

    public string Established(string name, string facts) => F("{0}: {1}", "{0}：{1}", name, facts);

    public string Suspicious(string name, Ecosystem ecosystem, string reasons, string facts) =>
        facts.Length == 0
            ? F("{0} ({1}): {2}", "{0}（{1}）：{2}", name, Registry(ecosystem), reasons)
            : F("{0} ({1}): {2} ({3})", "{0}（{1}）：{2}（{3}）", name, Registry(ecosystem), reasons, facts);

    // ---- facts and reasons ------------------------------------------------------------------------------------

    public string FirstPublished(DateTimeOffset date, int days) =>
        F("first published {0:yyyy-MM-dd}, {1} days ago", "首次发布于 {0:yyyy-MM-dd}，{1} 天前", date, N(days));

    public string PublishedDaysAgo(int days) => days <= 0 ? T("first published today", "今天才首次发布") : F("first published only {0} days ago", "仅在 {0} 天前首次发布", N(days));

    public string WeeklyDownloads(long count) => F("{0} downloads last week", "上周下载 {0} 次", N(count));

    public string TotalDownloads(long count) => F("{0} downloads in all", "累计下载 {0} 次", N(count));

    public string FewWeekly(long count) => F("only {0} downloads last week", "上周仅下载 {0} 次", N(count));

    public string FewTotal(long count) => F("only {0} downloads in all", "累计仅下载 {0} 次", N(count));

    public string NoRepository => T("no repository link", "没有源代码仓库链接");

    public string Twin(Popularity.Twin twin)
    {
        ArgumentNullException.ThrowIfNull(twin);
        return twin.Kind switch
        {
            Popularity.TwinKind.Edits when twin.Distance <= 1 => F("one letter away from the popular {0}", "与常用包 {0} 只差一个字符", twin.Popular),
            Popularity.TwinKind.Edits => F("{1} letters away from the popular {0}", "与常用包 {0} 只差 {1} 个字符", twin.Popular, twin.Distance),
            Popularity.TwinKind.Separators => F("the popular {0} with other separators", "与常用包 {0} 仅分隔符不同", twin.Popular),
            Popularity.TwinKind.Affix => F("the popular {0} with '{1}' added or dropped", "在常用包 {0} 的名字上增删了“{1}”", twin.Popular, twin.Affix),
            Popularity.TwinKind.OtherScope => F("the name of the popular {0} under another scope", "常用包 {0} 的名字放在了另一个作用域下", twin.Popular),
            _ => F("the repository name of the popular {0} under another owner", "常用包 {0} 的仓库名放在了另一个所有者下", twin.Popular),
        };
    }

    // ---- why a registry could not be reached -------------------------------------------------------------------

    public string HttpStatus(string host, int status) => F("{0} answered HTTP {1}", "{0} 返回 HTTP {1}", host, status);

    public string NoAnswer(string host, TimeSpan timeout) => F("{0} did not answer within {1:0.#} s", "{0} 在 {1:0.#} 秒内没有应答", host, timeout.TotalSeconds);

    public string NotJson(string url) => F("{0} did not answer with JSON", "{0} 的应答不是 JSON", url);

    public string ConnectionFailed(string host, System.Net.Http.HttpRequestError error, string detail) => error switch
    {
        System.Net.Http.HttpRequestError.NameResolutionError => F("{0}: the name does not resolve", "{0}：无法解析该域名", host),
        System.Net.Http.HttpRequestError.SecureConnectionError => F("{0}: the TLS connection failed", "{0}：TLS 连接失败", host),
        System.Net.Http.HttpRequestError.ProxyTunnelError => F("{0}: the proxy refused the connection", "{0}：代理拒绝了连接", host),
        _ => F("{0}: {1}", "{0}：{1}", host, detail),
    };

    // ---- what no registry can vouch for -----------------------------------------------------------------------

    public string Url(string spec) => F("{0}: installs from a URL or repository, which no registry vouches for", "{0}：从 URL 或代码仓库安装，没有任何包仓库为其担保", spec);

    public string OtherIndex(string address) => F("{0}: installs from a registry or index that Wright does not check", "{0}：从 Wright 不检查的包仓库或索引安装", address);

    public string Computed(string word) => F("the package name is only known when the command runs ({0})", "包名要到命令运行时才能确定（{0}）", word);

    public string FromInput(string what) => F("{0} installs packages named in input or a file that Wright does not check", "{0} 安装的包名来自 Wright 不检查的输入或文件", what);

    public string Lockfile(string file) => F("{0} is a lockfile edited by hand: it decides exactly what gets installed", "{0} 是被手工编辑的锁文件：它决定实际安装的内容", file);

    public string ShellManifestWrite(string file) =>
        F("the command writes the dependency manifest {0} itself, so its new entries cannot be checked (edit it with the file tools)",
            "该命令自行写入依赖清单 {0}，其中新增的依赖无法检查（请用文件工具编辑）", file);

    public string Unreadable(string file) => F("the new {0} cannot be read, so its dependencies cannot be checked", "无法读取新的 {0}，因此无法检查其中的依赖", file);

    // ---- decisions ----------------------------------------------------------------------------------------------

    public string Blocked(string action, IEnumerable<string> items) =>
        F("blocked: {0} would add a package that does not exist: {1}. Models sometimes make up package names, and attackers register such names (slopsquatting): check the name. A private package belongs in dependencies.private of your Wright config.",
            "已阻止：{0} 会添加一个不存在的包：{1}。模型有时会编造包名，攻击者会抢注这些名字（slopsquatting）：请核对包名。私有包请写入 Wright 配置的 dependencies.private。",
            action, string.Join("; ", items));

    public string AskReason(IEnumerable<string> items) => F("new dependencies need a person's check: {0}", "新的依赖需要人工确认：{0}", string.Join("; ", items));

    public string CannotAsk(IEnumerable<string> items, string userConfig) =>
        F("blocked: new dependencies need a person's check, and this run cannot ask: {0}. If you trust them, add them to dependencies.allow in {1}.",
            "已阻止：新的依赖需要人工确认，而本次运行无法询问：{0}。如果信任它们，请加入 {1} 的 dependencies.allow。",
            string.Join("; ", items), userConfig);

    // ---- check-deps ---------------------------------------------------------------------------------------------

    public string HeaderEcosystem => T("ECOSYSTEM", "生态");

    public string HeaderPackage => T("PACKAGE", "包");

    public string HeaderWhere => T("WHERE", "位置");

    public string HeaderVerdict => T("VERDICT", "结论");

    public string HeaderEvidence => T("EVIDENCE", "依据");

    public string Verdict(VerdictKind kind) => kind switch
    {
        VerdictKind.Allowed => T("allowed", "允许"),
        VerdictKind.Ask => T("ask", "需确认"),
        _ => T("blocked", "阻止"),
    };

    public string Summary(int total, int allowed, int ask, int blocked) =>
        F("{0} dependencies: {1} allowed, {2} need a person's check, {3} blocked", "共 {0} 个依赖：{1} 个允许，{2} 个需人工确认，{3} 个阻止", total, allowed, ask, blocked);

    public string NoManifests(string path) => F("no dependency manifests under {0}", "{0} 下没有依赖清单", path);

    public string Disabled(string file) => F("the dependency check is turned off (dependencies.enabled in {0})", "依赖检查已关闭（{0} 中的 dependencies.enabled）", file);

    // ---- configuration ------------------------------------------------------------------------------------------

    public string UntrustedLoosens(string key, string file) =>
        F("ignoring \"dependencies.{0}\" in {1}: an untrusted project config may only tighten the dependency check. Review it, then run `wright trust` to allow it.",
            "忽略 {1} 中的 \"dependencies.{0}\"：不受信任的项目配置只能收紧依赖检查。请审阅后运行 `wright trust` 以允许它。", key, file);

    public string BadSetting(string file, string key, string why) => F("{0}: dependencies.{1} {2}", "{0}：dependencies.{1} {2}", file, key, why);

    public string MustBeNumber => T("must be a whole number, 0 or more", "必须是不小于 0 的整数");

    public string MustBeBoolean => T("must be true or false", "必须是 true 或 false");

    public string MustBeNames => T("must be a list of names such as \"npm:left-pad\" or \"pypi:acme-*\"", "必须是名称列表，例如 \"npm:left-pad\" 或 \"pypi:acme-*\"");

    public string MustBeAddress => T("must be an http(s) address", "必须是 http(s) 地址");

    public string UnknownSetting => T("is not a setting of the dependency check", "不是依赖检查的设置项");

    public string UnknownRegistry(string key) => F("names an unknown registry '{0}'", "包含未知的包仓库“{0}”", key);
}
