namespace Wright.Eval.Text;

/// <summary>User-facing strings of the evaluation runner.</summary>
internal static class Strings
{
    public const string NoSuite = "no suite at {0}: give a folder of tasks (Harbor or Aider polyglot layout) or a .jsonl file of SWE-style tasks";
    public const string EmptySuite = "{0} holds no tasks";
}
