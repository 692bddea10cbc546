using Wright.Core.Localization;

namespace Wright.Eval.Text;

/// <summary>User-facing strings of the evaluation runner.</summary>
internal static class Strings
{
    public static string NoSuite => UiLanguage.Pick("no suite at {0}: give a folder of tasks (Harbor or Aider polyglot layout) or a .jsonl file of SWE-style tasks", "{0} 处没有评测套件：请给出任务文件夹（Harbor 或 Aider polyglot 布局）或 SWE 风格任务的 .jsonl 文件");
    public static string EmptySuite => UiLanguage.Pick("{0} holds no tasks", "{0} 中没有任务");
    public static string WorkRootInHome => UiLanguage.Pick("the temporary folder {0} is inside Wright's home {1}, where the agent may not write: set TMPDIR to a folder outside it", "临时文件夹 {0} 位于 Wright 的主目录 {1} 内，智能体不能在那里写入：请把 TMPDIR 设为它之外的文件夹");
    public static string NoRun => UiLanguage.Pick("no evaluation run {0}", "没有评测运行 {0}");
    public static string Resuming => UiLanguage.Pick("resuming run {0}", "继续评测运行 {0}");
    public static string NoConfigs => UiLanguage.Pick("give at least one --model (or --architect and --editor)", "请至少给出一个 --model（或 --architect 和 --editor）");
    public static string MalformedLine => UiLanguage.Pick("malformed {0}: {1}", "{0} 格式错误：{1}");
    public static string RunBudgetSpent => UiLanguage.Pick("the run's budget of ${0} is spent", "本次运行的预算 ${0} 已用完");
    public static string CannotPrepare => UiLanguage.Pick("cannot prepare the workspace: ", "无法准备工作区：");
    public static string AgentTimedOut => UiLanguage.Pick("the agent ran out of its {0:0} s", "智能体用完了它的 {0:0} 秒");
    public static string NoSolution => UiLanguage.Pick("no reference solution to check", "没有可检查的参考解答");
    public static string UntouchedPasses => UiLanguage.Pick("the untouched task already passes its tests", "未经修改的任务已能通过其测试");
    public static string SolutionFails => UiLanguage.Pick("the reference solution fails: ", "参考解答未通过：");
    public static string NoInstruction => UiLanguage.Pick("no instruction.md", "没有 instruction.md");
    public static string NoTestScript => UiLanguage.Pick("no tests/test.sh", "没有 tests/test.sh");
    public static string BadToml => UiLanguage.Pick("task.toml is not valid TOML: ", "task.toml 不是有效的 TOML：");
    public static string DockerfileUnreadable => UiLanguage.Pick("Dockerfile: cannot read ", "Dockerfile：无法读取 ");
    public static string CopyOutsideContext => UiLanguage.Pick("Dockerfile: COPY source outside the build context: ", "Dockerfile：COPY 的源在构建上下文之外：");
    public static string CopySourceMissing => UiLanguage.Pick("Dockerfile: COPY source missing: ", "Dockerfile：COPY 的源不存在：");
    public static string CopyOutsideWorkDir => UiLanguage.Pick("Dockerfile: COPY outside WORKDIR needs the image (--env docker): ", "Dockerfile：WORKDIR 之外的 COPY 需要镜像（--env docker）：");
    public static string PolyglotNoTests => UiLanguage.Pick("no tests: .meta/config.json's files.test are missing", "没有测试：.meta/config.json 的 files.test 所列文件不存在");
    public static string UnknownLanguage => UiLanguage.Pick("unknown language: ", "未知语言：");
    public static string LanguageUnknown => UiLanguage.Pick("cannot tell from the files", "无法从文件判断");
    public static string SweMissing => UiLanguage.Pick("missing ", "缺少 ");
    public static string SweNoRepository => UiLanguage.Pick("repository not found: ", "找不到仓库：");
    public static string SolveFailed => UiLanguage.Pick("solution/solve.sh exited with {0}: {1}", "solution/solve.sh 以 {0} 退出：{1}");
    public static string BadWorkDir => UiLanguage.Pick("Dockerfile: WORKDIR must be a plain absolute path (no '..', ':' or ','): ", "Dockerfile：WORKDIR 必须是普通的绝对路径（不含 '..'、':' 或 ','）：");
    public static string OutsideWorkspace => UiLanguage.Pick("the task names {0}, which lies outside the workspace: refused", "任务指定的 {0} 位于工作区之外：已拒绝");
    public static string PathOutsideTask => UiLanguage.Pick("{0} names a path outside the task's folder or workspace: ", "{0} 指定了任务文件夹或工作区之外的路径：");

    // --env docker (English and zh-CN).
    public static string DockerMissing => UiLanguage.Pick("--env docker needs the docker command, which is not on the PATH (install Docker, or use --env local)", "--env docker 需要 docker 命令，但它不在 PATH 中（请安装 Docker，或改用 --env local）");
    public static string DockerNoEngine => UiLanguage.Pick("--env docker: the docker client is here but no Docker engine answers ({0}); start the engine, or use --env local", "--env docker：docker 客户端存在，但没有 Docker 引擎响应（{0}）；请启动引擎，或改用 --env local");
    public static string DockerNoEnvironment => UiLanguage.Pick("task {0} has no environment/Dockerfile to build", "任务 {0} 没有可构建的 environment/Dockerfile");
    public static string DockerBuildFailed => UiLanguage.Pick("docker build of task {0} failed: {1}", "任务 {0} 的 docker build 失败：{1}");
    public static string DockerRunFailed => UiLanguage.Pick("docker run of image {0} failed: {1}", "镜像 {0} 的 docker run 失败：{1}");
    public static string DockerStepFailed => UiLanguage.Pick("docker {0} in the task's container failed: {1}", "在任务容器中执行 docker {0} 失败：{1}");
}
