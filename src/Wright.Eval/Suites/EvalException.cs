namespace Wright.Eval.Suites;

/// <summary>A usage or input problem of an evaluation (no suite, unknown run), as one clear line.</summary>
public sealed class EvalException : Exception
{
    public EvalException() : base("evaluation error") { }

    public EvalException(string message) : base(message) { }

    public EvalException(string message, Exception inner) : base(message, inner) { }
}
