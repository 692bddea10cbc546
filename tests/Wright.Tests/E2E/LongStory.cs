namespace Wright.Tests.E2E;

/// <summary>
/// aimock fixtures for the interactive tests that act while a turn runs: "long story" streams <c>word1 … wordN</c> four
/// characters at a time, slowly; one more prompt gets a short reply.
/// </summary>
internal static class LongStory
{
    public static string Fixtures(int words, int latencyMs, string nextMessage, string nextReply)
    {
        var slow = string.Join(" ", Enumerable.Range(1, words).Select(i => $"word{i}"));
        return $$$"""
            {"fixtures":[
              {"match":{"userMessage":"long story"},"response":{"content":"{{{slow}}}"},"chunkSize":4,"latency":{{{latencyMs}}}},
              {"match":{"userMessage":"{{{nextMessage}}}"},"response":{"content":"{{{nextReply}}}"}}
            ]}
            """;
    }
}
