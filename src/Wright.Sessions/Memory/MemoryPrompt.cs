using System.Text;
using Wright.Sessions.Store;

namespace Wright.Sessions.Memory;

/// <summary>The memories section of the system prompt: the user's and this project's, newest kept when over the cap.</summary>
public static class MemoryPrompt
{
    /// <summary>Builds the section, or null when there are no memories.</summary>
    public static string? Build(SessionStore store, string workspace, int maxChars = 4000)
    {
        var memories = store.Memories(workspace);
        if (memories.Count == 0)
            return null;
        var lines = new List<string>();
        var size = 0;
        foreach (var memory in memories.Reverse())
        {
            var line = $"- {memory.Text} ({memory.Scope})";
            if (size + line.Length > maxChars)
                break;
            lines.Insert(0, line);
            size += line.Length + 1;
        }

        var text = new StringBuilder("# Memories\nFacts remembered from earlier sessions (use `remember` to add one):\n");
        text.AppendJoin('\n', lines);
        return text.ToString();
    }
}
