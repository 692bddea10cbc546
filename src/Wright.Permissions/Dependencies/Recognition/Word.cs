namespace Wright.Permissions.Dependencies.Recognition;

/// <summary>A word of a command after quote removal, and whether its value is only known at run time.</summary>
internal readonly record struct Word(string Text, bool Dynamic);
