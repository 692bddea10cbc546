using System.Text;

namespace Wright.Tools.Search;

/// <summary>
/// Finds literals of which every match of a .NET regex must contain one (ripgrep's "inner literals"), so grep can
/// skip to lines holding one with a vectorised multi-string search and run the regex only there. Conservative: any
/// construct it does not fully understand (conditionals, comments, <c>(?x)</c>, class subtraction, unknown escapes)
/// yields no literals, and the search falls back to the regex alone. Literals never contain a newline; with
/// ignore-case they are ASCII without k/K (the regex also matches the Kelvin sign there, ordinal ignore-case does not).
/// </summary>
internal static class RequiredLiterals
{
    private const int MaxLiterals = 64;
    private const int MinLength = 2;

    /// <summary>The literals as searches, or null when the pattern has no usable required literal.</summary>
    public static LiteralSet? Find(string pattern, bool ignoreCase)
    {
        // An inline (?i) anywhere makes the whole search case-insensitive (a superset, so still safe).
        ignoreCase |= HasInlineIgnoreCase(pattern);
        try
        {
            var parser = new Parser(pattern);
            var alternatives = parser.Alternation();
            if (!parser.AtEnd)
                return null;
            var literals = Required(alternatives, ignoreCase);
            if (literals is null || literals.Count == 0 || literals.Any(l => l.Length < MinLength))
                return null;
            return new LiteralSet(literals, ignoreCase);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool HasInlineIgnoreCase(string pattern)
    {
        for (var at = pattern.IndexOf("(?", StringComparison.Ordinal); at >= 0; at = pattern.IndexOf("(?", at + 2, StringComparison.Ordinal))
        {
            for (var i = at + 2; i < pattern.Length && pattern[i] is 'i' or 'm' or 'n' or 's' or 'x' or '-'; i++)
            {
                if (pattern[i] == 'i')
                    return true;
            }
        }

        return false;
    }

    /// <summary>A set one of which each alternative must contain, or null if some alternative has none.</summary>
    private static HashSet<string>? Required(List<List<Item>> alternatives, bool ignoreCase)
    {
        var union = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sequence in alternatives)
        {
            if (Best(sequence, ignoreCase) is not { } best)
                return null;
            union.UnionWith(best);
            if (union.Count > MaxLiterals)
                return null;
        }

        return union;
    }

    /// <summary>The most selective required set of one sequence: a run of single literal characters, or a required group.</summary>
    private static HashSet<string>? Best(List<Item> sequence, bool ignoreCase)
    {
        var candidates = new List<HashSet<string>>();
        var run = new StringBuilder();
        void Flush()
        {
            if (run.Length > 0)
                candidates.Add([run.ToString()]);
            run.Clear();
        }

        foreach (var item in sequence)
        {
            if (item.Node is Literal literal && item.Min == 1 && item.Max == 1 && Usable(literal.Char, ignoreCase))
            {
                run.Append(literal.Char);
                continue;
            }

            Flush();
            if (item.Min < 1)
                continue;
            if (item.Node is Group group && Required(group.Alternatives, ignoreCase) is { Count: > 0 } inner)
                candidates.Add(inner);
            else if (item.Node is Literal single && Usable(single.Char, ignoreCase))
                candidates.Add([single.Char.ToString()]);
        }

        Flush();
        return candidates.Count == 0 ? null : candidates.MaxBy(c => (c.Min(s => s.Length), -c.Count));
    }

    private static bool Usable(char c, bool ignoreCase) => c != '\n' && (!ignoreCase || (c < 128 && c is not ('k' or 'K')));

    private abstract record Node;

    private sealed record Literal(char Char) : Node;

    /// <summary>Anything that is not one known character: classes, escapes like \d, anchors, lookarounds, backreferences.</summary>
    private sealed record Other : Node
    {
        public static readonly Other Instance = new();
    }

    private sealed record Group(List<List<Item>> Alternatives) : Node;

    private readonly record struct Item(Node Node, int Min, int Max);

    /// <summary>A parser for the .NET syntax of a pattern the Regex constructor has already accepted.</summary>
    private sealed class Parser(string pattern)
    {
        private int _at;

        public bool AtEnd => _at == pattern.Length;

        public List<List<Item>> Alternation()
        {
            var alternatives = new List<List<Item>> { Sequence() };
            while (_at < pattern.Length && pattern[_at] == '|')
            {
                _at++;
                alternatives.Add(Sequence());
            }

            return alternatives;
        }

        private List<Item> Sequence()
        {
            var items = new List<Item>();
            while (_at < pattern.Length && pattern[_at] is not ('|' or ')'))
            {
                var node = Atom();
                var (min, max) = Quantifier();
                items.Add(new Item(node, min, max));
            }

            return items;
        }

        private (int Min, int Max) Quantifier()
        {
            if (_at >= pattern.Length)
                return (1, 1);
            (int, int) quantifier;
            switch (pattern[_at])
            {
                case '*':
                    quantifier = (0, int.MaxValue);
                    _at++;
                    break;
                case '+':
                    quantifier = (1, int.MaxValue);
                    _at++;
                    break;
                case '?':
                    quantifier = (0, 1);
                    _at++;
                    break;
                case '{' when Braces() is { } braces:
                    quantifier = braces;
                    break;
                default:
                    return (1, 1);
            }

            // Lazy or not, the bounds are the same.
            if (_at < pattern.Length && pattern[_at] == '?')
                _at++;
            return quantifier;
        }

        /// <summary>{n}, {n,} or {n,m} (consumed); null when the brace is a literal.</summary>
        private (int, int)? Braces()
        {
            var i = _at + 1;
            var start = i;
            while (i < pattern.Length && char.IsAsciiDigit(pattern[i]))
                i++;
            if (i == start || i >= pattern.Length)
                return null;
            var min = int.Parse(pattern.AsSpan(start, i - start), provider: System.Globalization.CultureInfo.InvariantCulture);
            var max = min;
            if (pattern[i] == ',')
            {
                var upper = ++i;
                while (i < pattern.Length && char.IsAsciiDigit(pattern[i]))
                    i++;
                max = i == upper ? int.MaxValue : int.Parse(pattern.AsSpan(upper, i - upper), provider: System.Globalization.CultureInfo.InvariantCulture);
            }

            if (i >= pattern.Length || pattern[i] != '}')
                return null;
            _at = i + 1;
            return (min, max);
        }

        private Node Atom()
        {
            var c = pattern[_at++];
            switch (c)
            {
                case '\\':
                    return Escape();
                case '.' or '^' or '$' or '\n':
                    return Other.Instance;
                case '[':
                    Class();
                    return Other.Instance;
                case '(':
                    return Parenthesis();
                case '*' or '+' or '?':
                    throw new FormatException("quantifier without an operand");
                default:
                    return new Literal(c);
            }
        }

        private Node Escape()
        {
            if (_at >= pattern.Length)
                throw new FormatException("trailing backslash");
            var e = pattern[_at++];
            if (!char.IsAsciiLetterOrDigit(e))
                return new Literal(e);
            switch (e)
            {
                case 'p' or 'P':
                    SkipPast('}');
                    return Other.Instance;
                case 'k':
                    SkipPast(_at < pattern.Length && pattern[_at] == '<' ? '>' : '\'');
                    return Other.Instance;
                case 'x':
                    _at += 2;
                    return Other.Instance;
                case 'u':
                    _at += 4;
                    return Other.Instance;
                case 'c':
                    _at += 1;
                    return Other.Instance;
                case >= '0' and <= '9':
                    while (_at < pattern.Length && char.IsAsciiDigit(pattern[_at]))
                        _at++;
                    return Other.Instance;
                case 'd' or 'D' or 'w' or 'W' or 's' or 'S' or 'b' or 'B' or 'A' or 'z' or 'Z' or 'G' or 't' or 'n' or 'r' or 'f' or 'v' or 'e' or 'a':
                    return Other.Instance;
                default:
                    throw new FormatException($"unknown escape \\{e}");
            }
        }

        private void Class()
        {
            if (_at < pattern.Length && pattern[_at] == '^')
                _at++;
            if (_at < pattern.Length && pattern[_at] == ']')
                _at++;
            while (_at < pattern.Length)
            {
                var c = pattern[_at++];
                if (c == '\\')
                {
                    if (_at < pattern.Length && pattern[_at] is 'p' or 'P')
                        SkipPast('}');
                    else
                        _at++;
                }
                else if (c == '-' && _at < pattern.Length && pattern[_at] == '[')
                {
                    throw new FormatException("class subtraction");
                }
                else if (c == ']')
                {
                    return;
                }
            }

            throw new FormatException("unterminated class");
        }

        private Node Parenthesis()
        {
            // A negative lookaround requires nothing; a positive one requires its content, within the line.
            var negative = false;
            if (_at < pattern.Length && pattern[_at] == '?')
            {
                _at++;
                var kind = _at < pattern.Length ? pattern[_at] : '\0';
                var next = _at + 1 < pattern.Length ? pattern[_at + 1] : '\0';
                if (kind is '=' or '!')
                {
                    _at++;
                    negative = kind == '!';
                }
                else if (kind == '<' && next is '=' or '!')
                {
                    _at += 2;
                    negative = next == '!';
                }
                else if (kind is '<' or '\'')
                {
                    _at++;
                    SkipPast(kind == '<' ? '>' : '\'');
                }
                else if (kind is ':' or '>')
                {
                    _at++;
                }
                else if (kind is 'i' or 'm' or 'n' or 's' or 'x' or '-')
                {
                    while (_at < pattern.Length && pattern[_at] is 'i' or 'm' or 'n' or 's' or 'x' or '-')
                    {
                        if (pattern[_at++] == 'x')
                            throw new FormatException("(?x) changes what whitespace means");
                    }

                    if (_at < pattern.Length && pattern[_at] == ')')
                    {
                        _at++;
                        return Other.Instance;
                    }

                    if (_at >= pattern.Length || pattern[_at] != ':')
                        throw new FormatException("unknown group");
                    _at++;
                }
                else
                {
                    throw new FormatException("conditional or comment");
                }
            }

            var alternatives = Alternation();
            if (_at >= pattern.Length || pattern[_at] != ')')
                throw new FormatException("unbalanced parenthesis");
            _at++;
            return negative ? Other.Instance : new Group(alternatives);
        }

        private void SkipPast(char end)
        {
            var i = pattern.IndexOf(end, _at);
            if (i < 0)
                throw new FormatException("unterminated escape");
            _at = i + 1;
        }
    }
}
