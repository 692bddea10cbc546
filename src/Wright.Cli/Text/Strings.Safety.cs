namespace Wright.Cli.Text;

internal static partial class Strings
{
}
