namespace Wright.Tasks.Store;

/// <summary>Task ids, the same in every store.</summary>
public static class TaskIds
{
    /// <summary>A short sortable id: base-36 milliseconds since 2025 and 4 random hex digits (safe in branch names and URLs).</summary>
    public static string New(DateTimeOffset now)
    {
        var ms = (ulong)(now - new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)).TotalMilliseconds;
        const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        var chars = new Stack<char>();
        do
        {
            chars.Push(Digits[(int)(ms % 36)]);
            ms /= 36;
        }
        while (ms > 0);
        return "t" + new string([.. chars]) + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(2));
    }
}
