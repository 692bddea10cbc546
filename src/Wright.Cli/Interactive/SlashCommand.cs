namespace Wright.Cli.Interactive;

/// <summary>One entry of the slash menu: <c>/name</c> and what it does.</summary>
internal sealed record SlashCommand(string Name, string Description);
