using System.Collections.Frozen;
using System.Text;

namespace Wright.Cli.Interactive;

/// <summary>
/// Colours the lines of a fenced code block: keywords, strings, comments and numbers for the common languages, and
/// <c>+</c>/<c>-</c> lines of a diff. Hand-written rather than a TextMate grammar engine: none is NativeAOT-clean
/// without reflection or a regex engine per grammar, and a single-pass lexer per line costs microseconds, which keeps
/// streaming fast. One instance per code block, since block comments and triple-quoted strings span lines. An unknown
/// language, or colour off, leaves the text untouched (so plain output stays free of escapes).
/// </summary>
internal sealed class SyntaxHighlighter
{
    private readonly Ansi _ansi;
    private readonly Language _language;
    private bool _inBlockComment;
    private bool _inTripleString;

    private SyntaxHighlighter(Ansi ansi, Language language)
    {
        _ansi = ansi;
        _language = language;
    }

    /// <summary>A highlighter for the fence's info string, or null for an unknown language or when colour is off.</summary>
    public static SyntaxHighlighter? For(string info, Ansi ansi)
    {
        if (!ansi.Enabled)
            return null;
        var name = info.Split(' ', 2)[0].Trim().ToLowerInvariant();
        return Languages.TryGetValue(name, out var language) ? new SyntaxHighlighter(ansi, language) : null;
    }

    /// <summary>One line of code with colour.</summary>
    public string Highlight(string line)
    {
        var lang = _language;
        if (lang.Kind == Kind.Diff)
        {
            return line.StartsWith("+++", StringComparison.Ordinal) || line.StartsWith("---", StringComparison.Ordinal) ? _ansi.Bold(line)
                : line.StartsWith('+') ? _ansi.Green(line)
                : line.StartsWith('-') ? _ansi.Red(line)
                : line.StartsWith("@@", StringComparison.Ordinal) ? _ansi.Cyan(line)
                : line;
        }

        var output = new StringBuilder(line.Length + 32);
        var plain = new StringBuilder();
        var i = 0;

        void Emit(Func<string, string> style, int start, int end)
        {
            output.Append(plain);
            plain.Clear();
            output.Append(style(line[start..end]));
        }

        if (lang.Kind == Kind.Yaml)
        {
            // A mapping key (after any list dash) up to its colon.
            var k = 0;
            while (k < line.Length && line[k] == ' ')
                k++;
            if (k + 1 < line.Length && line[k] == '-' && line[k + 1] == ' ')
                k += 2;
            var colon = line.IndexOf(':', k);
            if (colon > k && line[k] is not ('#' or '"' or '\'') && (colon + 1 == line.Length || line[colon + 1] == ' ')
                && !line.AsSpan(k, colon - k).Contains(' '))
            {
                plain.Append(line, 0, k);
                Emit(_ansi.Cyan, k, colon);
                i = colon;
            }
        }

        while (i < line.Length)
        {
            if (_inBlockComment)
            {
                var close = line.IndexOf(lang.BlockClose!, i, StringComparison.Ordinal);
                var end = close < 0 ? line.Length : close + lang.BlockClose!.Length;
                Emit(_ansi.Dim, i, end);
                _inBlockComment = close < 0;
                i = end;
                continue;
            }

            if (_inTripleString)
            {
                var close = line.IndexOf("\"\"\"", i, StringComparison.Ordinal);
                var end = close < 0 ? line.Length : close + 3;
                Emit(_ansi.Green, i, end);
                _inTripleString = close < 0;
                i = end;
                continue;
            }

            var c = line[i];
            if (StartsComment(line, i))
            {
                Emit(_ansi.Dim, i, line.Length);
                break;
            }

            if (lang.BlockOpen is { } open && string.CompareOrdinal(line, i, open, 0, open.Length) == 0)
            {
                var close = line.IndexOf(lang.BlockClose!, i + open.Length, StringComparison.Ordinal);
                var end = close < 0 ? line.Length : close + lang.BlockClose!.Length;
                Emit(_ansi.Dim, i, end);
                _inBlockComment = close < 0;
                i = end;
                continue;
            }

            if (lang.TripleQuotes && string.CompareOrdinal(line, i, "\"\"\"", 0, 3) == 0)
            {
                var close = line.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
                var end = close < 0 ? line.Length : close + 3;
                Emit(_ansi.Green, i, end);
                _inTripleString = close < 0;
                i = end;
                continue;
            }

            if (lang.Quotes.Contains(c, StringComparison.Ordinal))
            {
                var end = i + 1;
                while (end < line.Length)
                {
                    if (line[end] == c)
                    {
                        if (lang.Kind != Kind.Sql || end + 1 >= line.Length || line[end + 1] != c)
                            break;
                        end++; // SQL doubles a quote to escape it
                    }

                    end += line[end] == '\\' && lang.Kind != Kind.Sql ? 2 : 1;
                }

                end = Math.Min(end + 1, line.Length);
                var next = end;
                while (next < line.Length && line[next] == ' ')
                    next++;
                var isKey = lang.Kind == Kind.Json && next < line.Length && line[next] == ':';
                Emit(isKey ? _ansi.Cyan : _ansi.Green, i, end);
                i = end;
                continue;
            }

            if (char.IsAsciiDigit(c) && (i == 0 || !IsWord(line[i - 1])))
            {
                var end = i + 1;
                while (end < line.Length && (char.IsAsciiLetterOrDigit(line[end]) || line[end] is '_' or '.'))
                    end++;
                Emit(_ansi.Yellow, i, end);
                i = end;
                continue;
            }

            if (lang.Kind == Kind.Shell && c == '$' && i + 1 < line.Length && (IsWord(line[i + 1]) || line[i + 1] == '{'))
            {
                var end = i + 1;
                if (line[end] == '{')
                {
                    var close = line.IndexOf('}', end);
                    end = close < 0 ? line.Length : close + 1;
                }
                else
                {
                    while (end < line.Length && IsWord(line[end]))
                        end++;
                }

                Emit(_ansi.Cyan, i, end);
                i = end;
                continue;
            }

            if ((char.IsLetter(c) || c is '_' or '@' or '#') && (i == 0 || !IsWord(line[i - 1])))
            {
                var end = i + 1;
                while (end < line.Length && (IsWord(line[end]) || (lang.Kind == Kind.Shell && line[end] == '-')))
                    end++;
                var word = line[i..end];
                if (lang.Keywords.Contains(lang.CaseInsensitive ? word.ToLowerInvariant() : word))
                {
                    Emit(_ansi.Magenta, i, end);
                }
                else if (end < line.Length && line[end] == '(' && lang.Kind == Kind.Code)
                {
                    Emit(_ansi.Blue, i, end);
                }
                else
                {
                    plain.Append(word);
                }

                i = end;
                continue;
            }

            plain.Append(c);
            i++;
        }

        output.Append(plain);
        return output.ToString();
    }

    private bool StartsComment(string line, int i)
    {
        foreach (var prefix in _language.LineComments)
        {
            if (string.CompareOrdinal(line, i, prefix, 0, prefix.Length) != 0)
                continue;
            // In shells and YAML a # starts a comment only at a word boundary (not in $# or a#b).
            if (prefix == "#" && i > 0 && !char.IsWhiteSpace(line[i - 1]))
                continue;
            return true;
        }

        return false;
    }

    private static bool IsWord(char c) => char.IsLetterOrDigit(c) || c == '_';

    private enum Kind
    {
        Code,
        Shell,
        Json,
        Yaml,
        Sql,
        Diff,
    }

    private sealed record Language(Kind Kind, FrozenSet<string> Keywords, string[] LineComments, string? BlockOpen = null, string? BlockClose = null,
        string Quotes = "\"'", bool TripleQuotes = false, bool CaseInsensitive = false);

    private static FrozenSet<string> Words(string words) => words.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, Language> Languages = Build();

    private static FrozenDictionary<string, Language> Build()
    {
        var cSharp = new Language(Kind.Code, Words(
            "abstract as async await base bool break byte case catch char checked class const continue decimal default delegate do double else enum event explicit extern false finally fixed float for foreach get goto if implicit in init int interface internal is lock long namespace new null object operator out override params partial private protected public readonly record ref required return sbyte sealed set short sizeof stackalloc static string struct switch this throw true try typeof uint ulong unchecked unsafe ushort using var virtual void volatile when where while with yield"),
            ["//"], "/*", "*/", "\"'");
        var js = new Language(Kind.Code, Words(
            "as async await break case catch class const continue debugger default delete do else enum export extends false finally for from function if implements import in instanceof interface let new null of private protected public readonly return static super switch this throw true try type typeof undefined var void while with yield number string boolean any unknown never"),
            ["//"], "/*", "*/", "\"'`");
        var python = new Language(Kind.Code, Words(
            "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda match case nonlocal not or pass raise return self try while with yield"),
            ["#"], null, null, "\"'", TripleQuotes: true);
        var go = new Language(Kind.Code, Words(
            "break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var nil true false iota error string int int64 bool byte rune float64 any"),
            ["//"], "/*", "*/", "\"'`");
        var rust = new Language(Kind.Code, Words(
            "as async await break const continue crate dyn else enum extern false fn for if impl in let loop match mod move mut pub ref return self Self static struct super trait true type unsafe use where while Some None Ok Err i32 i64 u8 u32 u64 usize f64 bool str String Vec Option Result"),
            ["//"], "/*", "*/", "\"");
        var java = new Language(Kind.Code, Words(
            "abstract assert boolean break byte case catch char class const continue default do double else enum extends final finally float for goto if implements import instanceof int interface long native new null package private protected public return short static super switch synchronized this throw throws transient true false try var void volatile while record"),
            ["//"], "/*", "*/", "\"'");
        var c = new Language(Kind.Code, Words(
            "auto bool break case catch char class const constexpr continue default delete do double else enum explicit extern false float for friend goto if inline int long namespace new nullptr operator private protected public return short signed sizeof static struct switch template this throw true try typedef typename union unsigned using virtual void volatile while #include #define #ifdef #ifndef #endif #if #else #pragma size_t NULL"),
            ["//"], "/*", "*/", "\"'");
        var shell = new Language(Kind.Shell, Words(
            "if then else elif fi for in do done while until case esac function return local export readonly set unset echo exit source alias cd"),
            ["#"], null, null, "\"'");
        var json = new Language(Kind.Json, Words("true false null"), [], null, null, "\"");
        var yaml = new Language(Kind.Yaml, Words("true false null yes no on off ~"), ["#"], null, null, "\"'");
        var sql = new Language(Kind.Sql, Words(
            "select from where and or not insert into values update set delete create table drop alter index primary key foreign references join left right inner outer on group by order having limit offset as distinct union all null is in like between case when then else end exists with returning default integer text varchar boolean count sum avg min max"),
            ["--"], "/*", "*/", "'", CaseInsensitive: true);
        var diff = new Language(Kind.Diff, FrozenSet<string>.Empty, []);
        return new Dictionary<string, Language>(StringComparer.Ordinal)
        {
            ["c#"] = cSharp, ["cs"] = cSharp, ["csharp"] = cSharp,
            ["js"] = js, ["javascript"] = js, ["jsx"] = js, ["ts"] = js, ["typescript"] = js, ["tsx"] = js, ["mjs"] = js,
            ["py"] = python, ["python"] = python, ["python3"] = python,
            ["go"] = go, ["golang"] = go,
            ["rs"] = rust, ["rust"] = rust,
            ["java"] = java, ["kotlin"] = java, ["kt"] = java,
            ["c"] = c, ["h"] = c, ["cpp"] = c, ["c++"] = c, ["cc"] = c, ["hpp"] = c, ["cxx"] = c,
            ["sh"] = shell, ["bash"] = shell, ["shell"] = shell, ["zsh"] = shell, ["console"] = shell,
            ["json"] = json, ["jsonc"] = json, ["jsonl"] = json,
            ["yaml"] = yaml, ["yml"] = yaml,
            ["sql"] = sql, ["sqlite"] = sql, ["postgresql"] = sql,
            ["diff"] = diff, ["patch"] = diff,
        }.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
