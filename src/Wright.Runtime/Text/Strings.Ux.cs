using Wright.Core.Localization;

namespace Wright.Runtime.Text;

/// <summary>Configuration errors with positions, and the notes of day one.</summary>
internal static partial class Strings
{
    public static string ConfigSyntax => UiLanguage.Pick("{0}:{1}:{2}: not valid JSON: {3}", StringsZhCN.ConfigSyntax);
    public static string ConfigTopLevel => UiLanguage.Pick("{0}:{1}:{2}: the top level must be an object", StringsZhCN.ConfigTopLevel);
    public static string ConfigWrongType => UiLanguage.Pick("{0}:{1}:{2}: \"{3}\" must be {4}, not {5}", StringsZhCN.ConfigWrongType);
    public static string ConfigUnknownKey => UiLanguage.Pick("{0}:{1}:{2}: unknown key \"{3}\" (ignored)", StringsZhCN.ConfigUnknownKey);
    public static string ConfigUnknownKeyNearest => UiLanguage.Pick("{0}:{1}:{2}: unknown key \"{3}\" (ignored); did you mean \"{4}\"?", StringsZhCN.ConfigUnknownKeyNearest);
    public static string TypeString => UiLanguage.Pick("a string", StringsZhCN.TypeString);
    public static string TypeInt => UiLanguage.Pick("a whole number", StringsZhCN.TypeInt);
    public static string TypeNumber => UiLanguage.Pick("a number", StringsZhCN.TypeNumber);
    public static string TypeBool => UiLanguage.Pick("true or false", StringsZhCN.TypeBool);
    public static string TypeObject => UiLanguage.Pick("an object", StringsZhCN.TypeObject);
    public static string TypeArray => UiLanguage.Pick("an array", StringsZhCN.TypeArray);
    public static string TypeValue => UiLanguage.Pick("a value", StringsZhCN.TypeValue);
    public static string BadWrightHome => UiLanguage.Pick("$WRIGHT_HOME ({0}) is not usable: {1}. Point WRIGHT_HOME to a writable directory.", StringsZhCN.BadWrightHome);
    public static string CwdIsFile => UiLanguage.Pick("--cwd {0} is a file, not a directory; pass its directory (e.g. --cwd {1})", StringsZhCN.CwdIsFile);
    public static string UnknownModelNote => UiLanguage.Pick("note: {0} is not in Wright's catalog: its price and context window are unknown (set them under providers.{1}.models.{2} in config.json)", StringsZhCN.UnknownModelNote);
}
