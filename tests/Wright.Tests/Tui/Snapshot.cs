using System.Runtime.CompilerServices;

namespace Wright.Tests.Tui;

/// <summary>
/// Compares rendered output with a committed snapshot under Tui/Snapshots (escape characters written as ␛ and carriage returns as ␍ so the
/// files read as text). WRIGHT_UPDATE_SNAPSHOTS=1 rewrites them; a missing snapshot is written and fails the test.
/// </summary>
internal static class Snapshot
{
    public static void Match(string name, string actual, [CallerFilePath] string caller = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(caller)!, "Snapshots", name + ".txt");
        var text = actual.Replace("\u001b", "␛", StringComparison.Ordinal).Replace("\r", "␍", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("WRIGHT_UPDATE_SNAPSHOTS") == "1" || !File.Exists(path))
        {
            var existed = File.Exists(path);
            File.WriteAllText(path, text);
            Assert.True(existed || Environment.GetEnvironmentVariable("WRIGHT_UPDATE_SNAPSHOTS") == "1", $"snapshot {path} was missing and has been written; check it and run again");
            return;
        }

        Assert.Equal(File.ReadAllText(path), text);
    }
}
