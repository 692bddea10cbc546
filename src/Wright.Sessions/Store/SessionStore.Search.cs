using System.Globalization;
using System.Text;

namespace Wright.Sessions.Store;

public sealed partial class SessionStore
{
    /// <summary>
    /// Full-text search (FTS5, trigram, so Chinese and code identifiers match mid-word) over past sessions' user and
    /// assistant messages and over memories; every word must occur. Words shorter than three characters are matched
    /// by substring instead, as trigrams cannot index them. Each session turn (and each memory) is one hit, however many of
    /// its messages match: the best-ranked (FTS) or the latest (substring) one stands for it.
    /// </summary>
    public IReadOnlyList<SearchHit> Search(string query, int limit = 20)
    {
        var words = query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
            return [];
        static SearchHit Read(Microsoft.Data.Sqlite.SqliteDataReader r) => new(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1),
            r.IsDBNull(2) ? 0 : Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture), r.GetString(3), r.GetString(4));

        if (words.All(w => new StringInfo(w).LengthInTextElements >= 3))
        {
            var match = string.Join(" ", words.Select(w => "\"" + w.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
            return Query("""
                SELECT kind, session_id, turn, snippet(search, 0, '[', ']', '…', 64), ref FROM search
                WHERE search MATCH $q AND rowid IN (
                    SELECT rowid FROM (SELECT rowid, ref, row_number() OVER (PARTITION BY ref ORDER BY rank) AS n FROM search WHERE search MATCH $q)
                    WHERE n = 1)
                ORDER BY rank LIMIT $n
                """, Read, ("$q", match), ("$n", limit));
        }

        var sql = new StringBuilder("SELECT kind, session_id, turn, substr(text, 1, 200), ref FROM search WHERE rowid IN (SELECT max(rowid) FROM search WHERE 1");
        var parameters = new List<(string, object?)> { ("$n", limit) };
        for (var i = 0; i < words.Length; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND text LIKE $w{i} ESCAPE '\\'");
            parameters.Add(($"$w{i}", "%" + EscapeLike(words[i]) + "%"));
        }

        sql.Append(" GROUP BY ref) ORDER BY rowid DESC LIMIT $n");
        return Query(sql.ToString(), Read, [.. parameters]);
    }

    /// <summary>Usage and cost summed by UTC day and model, newest day first.</summary>
    public IReadOnlyList<CostRow> CostByDayAndModel(int days = 30)
    {
        var since = Today().AddDays(-days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Query("""
            SELECT day, model, count(DISTINCT session_id), count(*), sum(input_tokens), sum(output_tokens), sum(cache_read_tokens),
                   sum(cache_write_tokens), coalesce(sum(cost_nano_usd), 0), sum(cost_nano_usd IS NULL)
            FROM usage WHERE day > $since GROUP BY day, model ORDER BY day DESC, model
            """, r => new CostRow(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6),
                r.GetInt64(7), r.GetInt64(8) / 1_000_000_000m, r.GetInt32(9)), ("$since", since));
    }
}
