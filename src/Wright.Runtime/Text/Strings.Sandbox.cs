using Wright.Core.Localization;
namespace Wright.Runtime.Text;

internal static partial class Strings
{
    public static string UntrustedProjectLimits => UiLanguage.Pick("{0}: {1} can only be lowered until you trust this project config (wright trust); the higher or unlimited value is ignored.", StringsZhCN.UntrustedProjectLimits);
    public static string NegativeLimit => UiLanguage.Pick("{0}: \"{1}\" must be 0 (no limit) or more", StringsZhCN.NegativeLimit);
}
