namespace Wright.Eval.Text;

/// <summary>User-facing strings of the evaluation runner.</summary>
internal static class Strings
{
    public const string NoSuite = "no suite at {0}: give a folder of tasks (Harbor or Aider polyglot layout) or a .jsonl file of SWE-style tasks";
    public const string EmptySuite = "{0} holds no tasks";
    public const string WorkRootInHome = "the temporary folder {0} is inside Wright's home {1}, where the agent may not write: set TMPDIR to a folder outside it";
    public const string NoRun = "no evaluation run {0}";
    public const string Resuming = "resuming run {0}";
    public const string NoConfigs = "give at least one --model (or --architect and --editor)";
    public const string MalformedLine = "malformed {0}: {1}";
    public const string RunBudgetSpent = "the run's budget of ${0} is spent";
    public const string CannotPrepare = "cannot prepare the workspace: ";
    public const string AgentTimedOut = "the agent ran out of its {0:0} s";
    public const string NoSolution = "no reference solution to check";
    public const string UntouchedPasses = "the untouched task already passes its tests";
    public const string SolutionFails = "the reference solution fails: ";
    public const string NoInstruction = "no instruction.md";
    public const string NoTestScript = "no tests/test.sh";
    public const string BadToml = "task.toml is not valid TOML: ";
    public const string DockerfileUnreadable = "Dockerfile: cannot read ";
    public const string CopyOutsideContext = "Dockerfile: COPY source outside the build context: ";
    public const string BadWorkDir = "Dockerfile: WORKDIR must be a plain absolute path (no '..', ':' or ','): ";
    public const string OutsideWorkspace = "the task names {0}, which lies outside the workspace: refused";
    public const string PathOutsideTask = "{0} names a path outside the task's folder or workspace: ";
    public const string CopySourceMissing = "Dockerfile: COPY source missing: ";
    public const string CopyOutsideWorkDir = "Dockerfile: COPY outside WORKDIR needs the image (--env docker): ";
    public const string PolyglotNoTests = "no tests: .meta/config.json's files.test are missing";
    public const string UnknownLanguage = "unknown language: ";
    public const string LanguageUnknown = "cannot tell from the files";
    public const string SweMissing = "missing ";
    public const string SweNoRepository = "repository not found: ";
    public const string SolveFailed = "solution/solve.sh exited with {0}: {1}";

    // --env docker (English and zh-CN).
    public static string DockerMissing => Wright.Core.Localization.UiLanguage.Pick("--env docker needs the docker command, which is not on the PATH (install Docker, or use --env local)", "--env docker 需要 docker 命令，但它不在 PATH 中（请安装 Docker，或改用 --env local）");
    public static string DockerNoEngine => Wright.Core.Localization.UiLanguage.Pick("--env docker: the docker client is here but no Docker engine answers ({0}); start the engine, or use --env local", "--env docker：docker 客户端存在，但没有 Docker 引擎响应（{0}）；请启动引擎，或改用 --env local");
    public static string DockerNoEnvironment => Wright.Core.Localization.UiLanguage.Pick("task {0} has no environment/Dockerfile to build", "任务 {0} 没有可构建的 environment/Dockerfile");
    public static string DockerBuildFailed => Wright.Core.Localization.UiLanguage.Pick("docker build of task {0} failed: {1}", "任务 {0} 的 docker build 失败：{1}");
    public static string DockerRunFailed => Wright.Core.Localization.UiLanguage.Pick("docker run of image {0} failed: {1}", "镜像 {0} 的 docker run 失败：{1}");
    public static string DockerStepFailed => Wright.Core.Localization.UiLanguage.Pick("docker {0} in the task's container failed: {1}", "在任务容器中执行 docker {0} 失败：{1}");
}
