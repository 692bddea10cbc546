using Wright.Sandbox.Limits;

namespace Wright.Tests.Sandbox;

/// <summary>Where command cgroups go, from /proc/self/cgroup and /proc/self/mountinfo (fake trees: the machines here have no delegated cgroup v2).</summary>
public sealed class ProcessCgroupTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wright-cgroup-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Folder(string relative, string? subtreeControl = null)
    {
        var folder = Path.Combine(_root, relative);
        Directory.CreateDirectory(folder);
        if (subtreeControl is not null)
            File.WriteAllText(Path.Combine(folder, "cgroup.subtree_control"), subtreeControl + "\n");
        return folder;
    }

    [Fact]
    public void A_v2_cgroup_that_delegates_pids_and_memory_is_used_with_memory()
    {
        var folder = Folder("unified/user.slice/wright", "cpu memory pids");
        var found = ProcessCgroup.Locate(["0::/user.slice/wright"], [$"30 23 0:26 / {_root}/unified rw,nosuid - cgroup2 cgroup2 rw,nsdelegate"], _ => true);

        Assert.Equal(new ProcessCgroup.Hierarchy(folder, Memory: true), found);
    }

    [Fact]
    public void A_v2_cgroup_without_the_pids_controller_delegated_is_not_used()
    {
        Folder("unified/user.slice/wright", "cpu memory");
        var found = ProcessCgroup.Locate(["0::/user.slice/wright"], [$"30 23 0:26 / {_root}/unified rw - cgroup2 cgroup2 rw"], _ => true);

        Assert.Null(found);
    }

    [Fact]
    public void The_v1_pids_hierarchy_is_used_when_writable_and_a_mount_root_is_respected()
    {
        var folder = Folder("pids/inner");
        var cgroups = new[] { "9:name=systemd:/", "8:pids:/outer/inner", "4:memory:/x" };
        var mounts = new[] { $"40 35 0:40 /outer {_root}/pids rw,relatime - cgroup cgroup rw,pids", $"41 35 0:41 / {_root}/memory rw - cgroup cgroup rw,memory" };

        Assert.Equal(new ProcessCgroup.Hierarchy(folder, Memory: false), ProcessCgroup.Locate(cgroups, mounts, _ => true));
        Assert.Null(ProcessCgroup.Locate(cgroups, mounts, _ => false));
    }

    [Fact]
    public void Malformed_input_finds_nothing()
    {
        Assert.Null(ProcessCgroup.Locate(["garbage", "0::"], ["no separator here", "1 2 3 - cgroup2"], _ => true));
    }
}
