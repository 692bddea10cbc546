using Wright.Core.Events;
using Wright.Core.Tools;

namespace Wright.Tests.Support;

/// <summary>A ToolContext over a temporary workspace that records published events.</summary>
public sealed class ToolTestContext : IDisposable
{
    public ToolTestContext()
    {
        Root = Directory.CreateTempSubdirectory("wright-tool-").FullName;
        Workspace = Path.Combine(Root, "ws");
        Directory.CreateDirectory(Workspace);
        Context = new ToolContext("test", Workspace, Path.Combine(Root, "session"), TimeProvider.System, Events.Add);
    }

    public string Root { get; }

    public string Workspace { get; }

    public ToolContext Context { get; }

    public List<AgentEvent> Events { get; } = [];

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
