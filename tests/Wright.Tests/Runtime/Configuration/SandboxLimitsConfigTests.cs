using Wright.Runtime.Configuration;

namespace Wright.Tests.Runtime.Configuration;

/// <summary>sandbox.limits and shell.max_saved_output_mb: the user sets them; an untrusted project may only lower them.</summary>
public sealed class SandboxLimitsConfigTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wright-limits-").FullName;

    private string Home => Path.Combine(_root, "home");

    private string Project => Path.Combine(_root, "proj");

    public SandboxLimitsConfigTests()
    {
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Path.Combine(Project, ".wright"));
        Directory.CreateDirectory(Path.Combine(Project, ".git"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Defaults_apply_without_config()
    {
        var limits = ConfigLoader.Load(Home, Project).Sandbox(Home).Limits;

        Assert.Equal(new Wright.Sandbox.SandboxLimits(), limits);
    }

    [Fact]
    public void The_user_config_sets_the_limits_and_the_saved_output()
    {
        File.WriteAllText(Path.Combine(Home, "config.json"), """{"sandbox":{"limits":{"processes":100,"memory_mb":0,"cpu_seconds":20}},"shell":{"max_saved_output_mb":2}}""");

        var config = ConfigLoader.Load(Home, Project);

        Assert.Equal(new Wright.Sandbox.SandboxLimits { Processes = 100, MemoryMb = 0, CpuSeconds = 20 }, config.Sandbox(Home).Limits);
        Assert.Equal(2, config.MaxSavedOutputMb);
    }

    [Fact]
    public void An_untrusted_project_may_lower_limits_but_not_raise_or_remove_them()
    {
        File.WriteAllText(Path.Combine(Home, "config.json"), """{"sandbox":{"limits":{"processes":100}}}""");
        File.WriteAllText(Path.Combine(Project, ".wright", "config.json"), """{"sandbox":{"limits":{"processes":50,"memory_mb":0,"cpu_seconds":999999}},"shell":{"max_saved_output_mb":4096}}""");

        var config = ConfigLoader.Load(Home, Project);

        var limits = config.Sandbox(Home).Limits;
        Assert.Equal(50, limits.Processes);
        Assert.Equal(new Wright.Sandbox.SandboxLimits().MemoryMb, limits.MemoryMb);
        Assert.Equal(new Wright.Sandbox.SandboxLimits().CpuSeconds, limits.CpuSeconds);
        Assert.Null(config.MaxSavedOutputMb);
        Assert.Equal(3, config.Warnings.Count(w => w.Contains("can only be lowered", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_negative_limit_is_a_clear_error()
    {
        File.WriteAllText(Path.Combine(Home, "config.json"), """{"sandbox":{"limits":{"processes":-1}}}""");

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Home, Project));

        Assert.Contains("sandbox.limits.processes", ex.Message);
    }
}
