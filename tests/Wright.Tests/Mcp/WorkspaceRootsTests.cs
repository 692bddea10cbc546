using Wright.Runtime.Platform;
using Wright.Mcp.Server;

namespace Wright.Tests.Mcp;

/// <summary><see cref="WorkspaceRoots"/>: a run_task workspace stays in the roots, whatever path or link a client names.</summary>
public sealed class WorkspaceRootsTests : IDisposable
{
    private readonly string _root = NativeMethods.Canonicalize(Directory.CreateTempSubdirectory("wright-roots-").FullName)!;
    private readonly string _home;
    private readonly string _wrightHome;
    private readonly string _project;
    private readonly string _outside;

    public WorkspaceRootsTests()
    {
        _home = Path.Combine(_root, "home");
        _wrightHome = Path.Combine(_home, ".wright");
        _project = Path.Combine(_home, "proj");
        _outside = Path.Combine(_home, "proj-evil");
        foreach (var dir in new[] { _wrightHome, Path.Combine(_project, "src"), _outside })
            Directory.CreateDirectory(dir);
        File.CreateSymbolicLink(Path.Combine(_project, "escape"), _outside);
        File.CreateSymbolicLink(Path.Combine(_project, "up"), _home);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private WorkspaceRoots Roots(string[] roots, string? defaultWorkspace) => new(roots, defaultWorkspace, _home, _wrightHome, NativeMethods.Canonicalize);

    [Fact]
    public void A_root_and_what_lies_below_it_are_workspaces()
    {
        var roots = Roots([_project], _project);
        Assert.Equal(_project, roots.DefaultWorkspace);
        Assert.Equal(_project, roots.Resolve(null, out _));
        Assert.Equal(Path.Combine(_project, "src"), roots.Resolve("src", out _));
        Assert.Equal(Path.Combine(_project, "src"), roots.Resolve(Path.Combine(_project, "src", "..", "src"), out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("..")]
    [InlineData("../proj-evil")]
    [InlineData("escape")]
    [InlineData("up")]
    [InlineData("src/../..")]
    public void Paths_and_links_that_lead_out_of_the_roots_are_refused(string cwd)
    {
        var roots = Roots([_project], _project);
        Assert.Null(roots.Resolve(cwd, out var error));
        Assert.Contains($"'{cwd}'", error);
    }

    [Fact]
    public void Home_its_ancestors_and_wrights_home_are_never_workspaces_even_inside_a_root()
    {
        var roots = Roots([_root], _project);
        Assert.Null(roots.Resolve(_home, out var home));
        Assert.Contains("home directory", home);
        Assert.Null(roots.Resolve(_root, out _));
        Assert.Null(roots.Resolve(_wrightHome, out var wrightHome));
        Assert.Contains("Wright's own home", wrightHome);
        Assert.Equal(_project, roots.Resolve(_project, out _));
    }

    [Fact]
    public void A_default_workspace_that_is_home_is_no_default()
    {
        var roots = Roots([_home], _home);
        Assert.Null(roots.DefaultWorkspace);
        Assert.Null(roots.Resolve(null, out var error));
        Assert.Contains("not an allowed workspace", error);
        Assert.Equal(_project, roots.Resolve("/" + Path.GetRelativePath("/", _project), out _));
    }

    [Fact]
    public void Without_roots_everything_is_refused()
    {
        var roots = Roots([], "/");
        Assert.Null(roots.Resolve(null, out var none));
        Assert.Contains("no allowed root", none);
        Assert.Null(roots.Resolve(_project, out _));
        Assert.Null(roots.Resolve("proj", out _));
    }

    [Fact]
    public void Missing_directories_and_nul_characters_are_named()
    {
        var roots = Roots([_project], _project);
        Assert.Null(roots.Resolve("nope", out var missing));
        Assert.Equal("names no directory: nope", missing);
        Assert.Null(roots.Resolve("/nonexistent-elsewhere", out var elsewhere));
        Assert.Contains("outside this server's roots", elsewhere); // not "names no directory": no probing outside
        Assert.Null(roots.Resolve("src\0/x", out var nul));
        Assert.Equal("contains a NUL character", nul);
        Assert.Throws<DirectoryNotFoundException>(() => Roots([Path.Combine(_root, "gone")], null));
    }
}
