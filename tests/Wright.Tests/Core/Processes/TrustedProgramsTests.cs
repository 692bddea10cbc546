using Wright.Core.Processes;

namespace Wright.Tests.Core.Processes;

/// <summary>The trusted PATH: absolute entries only, none inside a distrusted directory; bare names found there only.</summary>
public sealed class TrustedProgramsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wright-programs-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Executable(string dir, string name)
    {
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, name);
        File.WriteAllText(file, "#!/bin/sh\nexit 0\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return file;
    }

    [Fact]
    public void Empty_relative_dot_and_workspace_entries_are_dropped()
    {
        var workspace = Path.Combine(_root, "ws");
        var trusted = Path.Combine(_root, "bin");
        Directory.CreateDirectory(Path.Combine(workspace, "bin"));
        Directory.CreateDirectory(trusted);
        var path = string.Join(':', "", ".", "./bin", "bin", "../x", Path.Combine(workspace, "bin"), workspace, trusted, trusted + "/");

        var dirs = TrustedPrograms.Directories(path, [workspace]);

        Assert.Equal([trusted], dirs);
    }

    [Fact]
    public void A_path_entry_that_is_a_link_into_the_workspace_is_dropped()
    {
        var workspace = Path.Combine(_root, "ws");
        Directory.CreateDirectory(Path.Combine(workspace, "tools"));
        var link = Path.Combine(_root, "link");
        Directory.CreateSymbolicLink(link, Path.Combine(workspace, "tools"));

        Assert.Equal(TrustedPrograms.SystemDirectories, TrustedPrograms.Directories(link, [workspace]));
    }

    [Fact]
    public void A_distrusted_directory_is_excluded_from_every_later_lookup()
    {
        var workspace = Path.Combine(_root, "distrusted");
        var bin = Path.Combine(workspace, "bin");
        Executable(bin, "wright-test-tool");
        var trusted = Path.Combine(_root, "bin");
        var real = Executable(trusted, "wright-test-tool");

        TrustedPrograms.Distrust(workspace);

        Assert.Equal(real, TrustedPrograms.Find("wright-test-tool", path: bin + ":" + trusted));
    }

    [Fact]
    public void A_bare_name_is_found_only_on_trusted_entries_never_in_the_current_directory()
    {
        var workspace = Path.Combine(_root, "ws");
        Executable(workspace, "git");
        Executable(Path.Combine(workspace, "bin"), "git");
        var real = Executable(Path.Combine(_root, "usr"), "git");

        var found = TrustedPrograms.Find("git", [workspace], path: $".:bin::{workspace}:{Path.Combine(workspace, "bin")}:{Path.Combine(_root, "usr")}");

        Assert.Equal(real, found);
    }

    [Fact]
    public void Non_executable_files_and_directories_are_skipped()
    {
        var first = Path.Combine(_root, "first");
        Directory.CreateDirectory(Path.Combine(first, "tool"));
        File.WriteAllText(Path.Combine(_root, "second-tool"), "");
        var real = Executable(Path.Combine(_root, "third"), "tool");

        Assert.Equal(real, TrustedPrograms.Find("tool", path: $"{first}:{Path.Combine(_root, "third")}"));
    }

    [Fact]
    public void Absolute_paths_are_kept_and_relative_paths_with_a_slash_need_a_base()
    {
        Assert.Equal("/bin/sh", TrustedPrograms.Find("/bin/sh"));
        Assert.Null(TrustedPrograms.Find("./server"));
        Assert.Equal(Path.Combine(_root, "server"), TrustedPrograms.Find("./server", baseDirectory: _root));
    }

    [Fact]
    public void A_missing_program_names_what_was_searched()
    {
        var error = Assert.Throws<FileNotFoundException>(() => TrustedPrograms.Resolve("no-such-program-wright", path: "/nonexistent-dir"));

        Assert.Contains("no-such-program-wright", error.Message);
        Assert.Contains("/nonexistent-dir", error.Message);
        Assert.Contains("never searched", error.Message);
    }
}
