using Microsoft.Extensions.AI;

namespace Wright.Core.Context;

public sealed partial class ContextCompactor
{
    /// <summary>
    /// Where a transcript splits: [0, PinnedEnd) system messages, FirstRequest the user's first message (-1 if none),
    /// [RecentStart, Count) the latest turns kept verbatim, [LastTurnStart, Count) the very latest turn; everything
    /// else from PinnedEnd to RecentStart is the older part.
    /// </summary>
    private readonly record struct Layout(int PinnedEnd, int FirstRequest, int RecentStart, int LastTurnStart)
    {
        /// <summary>Whether there is anything to summarise besides the pinned messages.</summary>
        public bool HasOlder => RecentStart - PinnedEnd > (FirstRequest >= 0 ? 1 : 0);

        public static Layout Of(IReadOnlyList<ChatMessage> transcript, int minTurns, int recentTokens, TokenEstimator estimator)
        {
            var pinnedEnd = 0;
            while (pinnedEnd < transcript.Count && transcript[pinnedEnd].Role == ChatRole.System)
                pinnedEnd++;
            var firstRequest = -1;
            for (var i = pinnedEnd; i < transcript.Count && firstRequest < 0; i++)
            {
                if (transcript[i].Role == ChatRole.User)
                    firstRequest = i;
            }

            var bodyStart = firstRequest >= 0 ? firstRequest + 1 : pinnedEnd;
            var starts = TurnStarts(transcript, pinnedEnd, bodyStart);
            var recentStart = transcript.Count;
            var kept = 0;
            var keptTokens = 0L;
            for (var k = starts.Count - 1; k >= 0; k--)
            {
                var end = k + 1 < starts.Count ? starts[k + 1] : transcript.Count;
                var tokens = 0L;
                for (var i = starts[k]; i < end; i++)
                    tokens += estimator.Count(transcript[i]);
                if (kept >= minTurns && keptTokens + tokens > recentTokens)
                    break;
                kept++;
                keptTokens += tokens;
                recentStart = starts[k];
            }

            return new Layout(pinnedEnd, firstRequest, recentStart, starts.Count > 0 ? starts[^1] : transcript.Count);
        }

        /// <summary>
        /// Indices at or after <paramref name="bodyStart"/> where a turn may start: not a tool message, and every tool
        /// call before it already has its result, so cutting there never separates a call from its result.
        /// </summary>
        private static List<int> TurnStarts(IReadOnlyList<ChatMessage> transcript, int from, int bodyStart)
        {
            var starts = new List<int>();
            var open = new HashSet<string>(StringComparer.Ordinal);
            for (var i = from; i < transcript.Count; i++)
            {
                var message = transcript[i];
                if (i >= bodyStart && open.Count == 0 && message.Role != ChatRole.Tool)
                    starts.Add(i);
                foreach (var content in message.Contents)
                {
                    if (content is FunctionCallContent call)
                        open.Add(call.CallId);
                    else if (content is FunctionResultContent result)
                        open.Remove(result.CallId);
                }
            }

            return starts;
        }
    }
}
