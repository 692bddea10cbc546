using Wright.Core.Events;

namespace Wright.Cli.Hosting;

/// <summary>Documented process exit codes (README, "Exit codes").</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Error = 1;
    public const int Usage = 2;
    public const int MaxTurns = 3;
    public const int Budget = 4;
    public const int Refusal = 5;
    public const int Cancelled = 130;

    public static int For(RunStatus status) => status switch
    {
        RunStatus.Success => Success,
        RunStatus.MaxTurns => MaxTurns,
        RunStatus.Budget => Budget,
        RunStatus.Refusal => Refusal,
        RunStatus.Cancelled => Cancelled,
        _ => Error,
    };
}
