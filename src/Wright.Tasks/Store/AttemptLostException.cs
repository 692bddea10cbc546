namespace Wright.Tasks.Store;

/// <summary>
/// A shared store refused a write of this process for an attempt it no longer owns: the fleet declared the process dead
/// (or it was drained) and gave the attempt to another node. The runner stops without writing anything more.
/// </summary>
public sealed class AttemptLostException : Exception
{
    public AttemptLostException()
    {
    }

    public AttemptLostException(string message) : base(message)
    {
    }

    public AttemptLostException(string message, Exception inner) : base(message, inner)
    {
    }
}
