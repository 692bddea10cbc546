using System.Text;

namespace Wright.Permissions.Shell;

/// <summary>
/// A parser for the bash syntax models write: lists (<c>; &amp;&amp; || &amp;</c> newlines), pipelines, subshells,
/// groups, if/while/until/for loops, quoting (single, double, <c>$'…'</c>, backslash), expansions, redirections and
/// here-documents. It does not run anything; it finds every simple command and every construct whose effect cannot
/// be known statically (substitutions, eval, expansion operators, functions, case), which the permission layer then
/// refuses to approve by rule alone. Hand-written: no maintained bash parser exists for .NET.
/// </summary>
public static partial class ShellParser
{
    /// <summary>Parses a command line.</summary>
    public static ParsedShell Parse(string text)
    {
        var parser = new Parser(text);
        parser.ParseList(terminator: null);
        return new ParsedShell(parser.Commands, [.. parser.Hazards.Distinct(StringComparer.Ordinal)], parser.Error);
    }

    private sealed partial class Parser(string text)
    {
        private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
        {
            "{", "}", "!", "if", "then", "else", "elif", "fi", "while", "until", "do", "done", "time",
        };

        private readonly List<(string Delimiter, bool StripTabs, bool Expands)> _pendingHeredocs = [];
        private int _i;
        private int _depth;

        public List<SimpleCommand> Commands { get; } = [];

        public List<string> Hazards { get; } = [];

        public string? Error { get; private set; }

        private bool End => _i >= text.Length || Error is not null;

        private char Current => text[_i];

        private char Peek(int offset = 1) => _i + offset < text.Length ? text[_i + offset] : '\0';

        public void ParseList(char? terminator)
        {
            while (true)
            {
                SkipBlanks();
                if (End)
                {
                    if (terminator is not null && Error is null)
                        Error = $"unexpected end of command: missing '{terminator}'";
                    return;
                }

                var c = Current;
                if (terminator is { } t && c == t)
                    return;
                switch (c)
                {
                    case '\n':
                        _i++;
                        ReadHeredocBodies();
                        continue;
                    case ';' or '&' or '|':
                        _i++;
                        if (_i < text.Length && (Current == c || (c == '|' && Current == '&') || (c == ';' && Current == '&')))
                            _i++;
                        continue;
                    case '(':
                        _i++;
                        if (_i < text.Length && Current == '(')
                        {
                            // (( arithmetic )): evaluates an expression; names and subscripts in it can run commands.
                            ReadArithmetic(_i - 1);
                            continue;
                        }

                        Nest(() => ParseList(')'));
                        Expect(')');
                        continue;
                    case ')':
                        Error ??= "unexpected ')'";
                        return;
                }

                ParseSimpleCommand();
            }
        }

        private void ParseSimpleCommand()
        {
            var words = new List<string>();
            var dynamic = new List<bool>();
            var assignments = new List<string>();
            var redirections = new List<Redirection>();
            var globs = new List<bool>();
            while (true)
            {
                SkipBlanks();
                if (End || Current is '\n' or ';' or '&' or '|' or ')' || (Current == '(' && words.Count == 0))
                {
                    if (!End && Current == '&' && Peek() == '>')
                    {
                        ReadRedirection(redirections);
                        continue;
                    }

                    break;
                }

                if (Current == '(' && words.Count > 0)
                {
                    // name() { …; } defines a function: code the rules cannot see run later.
                    Hazards.Add("defines a shell function");
                    SkipBalanced("(", ")");
                    continue;
                }

                if (IsRedirectionStart())
                {
                    ReadRedirection(redirections);
                    continue;
                }

                if (Current == '#')
                {
                    SkipComment();
                    break;
                }

                var (word, isDynamic, quoted) = ReadWord(out var shape);
                if (words.Count == 0 && !quoted && Keywords.Contains(word))
                    continue;
                if (words.Count == 0 && !quoted && word == "[[")
                {
                    ReadConditional(words, dynamic, globs);
                    continue;
                }

                if (BraceExpansion().Match(shape) is { Success: true } brace && (shape[0] is '{' or '-' || brace.Value.Contains("{-", StringComparison.Ordinal)
                        || brace.Value.Contains(",-", StringComparison.Ordinal)))
                    Hazards.Add($"uses brace expansion that can make an option or a program name: {word}");
                if (words.Count == 0 && !quoted && word is "for" or "select")
                {
                    SkipForHeader();
                    continue;
                }

                if (words.Count == 0 && !quoted && word is "case" or "function" or "coproc")
                {
                    Hazards.Add(word == "case" ? "uses a case statement" : $"uses '{word}'");
                    SkipToEnd();
                    break;
                }

                if (words.Count == 0 && IsAssignment(word, quoted))
                {
                    assignments.Add(word);
                    continue;
                }

                words.Add(word);
                dynamic.Add(isDynamic);
                globs.Add(shape.Length > 0 && shape[0] is '*' or '?' || (shape.StartsWith('[') && shape.IndexOf(']', 1) > 0));
            }

            if (words.Count > 0 || assignments.Count > 0 || redirections.Count > 0)
                Commands.Add(new SimpleCommand(words, assignments, redirections, dynamic) { LeadingGlobs = globs });
        }

        /// <summary>
        /// Reads the rest of a <c>[[ … ]]</c> conditional as one command: inside, <c>&amp;&amp; || ! ( ) &lt; &gt;</c> are
        /// operators of the test, not of the shell.
        /// </summary>
        private void ReadConditional(List<string> words, List<bool> dynamic, List<bool> globs)
        {
            void Add(string word, bool isDynamic)
            {
                words.Add(word);
                dynamic.Add(isDynamic);
                globs.Add(false);
            }

            Add("[[", false);
            while (true)
            {
                SkipBlanks();
                if (End || Current is '\n' or ';')
                {
                    Error ??= "missing ']]'";
                    return;
                }

                if (text.AsSpan(_i).StartsWith("]]") && (_i + 2 >= text.Length || text[_i + 2] is ' ' or '\t' or '\n' or ';' or '&' or '|' or ')'))
                {
                    _i += 2;
                    Add("]]", false);
                    return;
                }

                if (text.AsSpan(_i).StartsWith("&&") || text.AsSpan(_i).StartsWith("||"))
                {
                    Add(text.Substring(_i, 2), false);
                    _i += 2;
                    continue;
                }

                if (Current is '(' or ')' or '<' or '>' or '!' or '|' or '&')
                {
                    Add(Current.ToString(), false);
                    _i++;
                    continue;
                }

                var (word, isDynamic, _) = ReadWord();
                Add(word, isDynamic);
            }
        }

        private bool IsRedirectionStart()
        {
            var j = _i;
            while (j < text.Length && char.IsAsciiDigit(text[j]))
                j++;
            if (j < text.Length && text[j] == '{' && j == _i)
            {
                // {fd}>file
                var close = text.IndexOf('}', j);
                if (close > 0 && close + 1 < text.Length && text[close + 1] is '<' or '>')
                    return true;
            }

            return j < text.Length && text[j] is '<' or '>' && !(j + 1 < text.Length && text[j + 1] == '(');
        }

        private void ReadRedirection(List<Redirection> redirections)
        {
            var start = _i;
            if (Current == '{')
                _i = text.IndexOf('}', _i) + 1;
            while (!End && char.IsAsciiDigit(Current))
                _i++;
            var op = new StringBuilder();
            while (!End && Current is '<' or '>' or '&' or '|' or '-' && op.Length < 3)
            {
                if (Current == '-' && op.ToString() is not ("<<" or ">&" or "<&"))
                    break;
                op.Append(Current);
                _i++;
            }

            var fd = text[start..(_i - op.Length)];
            SkipBlanks();
            if (End)
            {
                Error ??= $"redirection '{op}' has no target";
                return;
            }

            var (target, isDynamic, quoted) = ReadWord();
            var opText = op.ToString();
            if (opText is "<<" or "<<-")
            {
                // An unquoted delimiter: the body undergoes parameter, command and arithmetic expansion.
                _pendingHeredocs.Add((target, opText == "<<-", !quoted));
                target = "<<heredoc>>";
                isDynamic = false;
            }

            redirections.Add(new Redirection(fd + opText, target, isDynamic));
        }

        private (string Word, bool Dynamic, bool Quoted) ReadWord() => ReadWord(out _);

        /// <summary>Reads one word; <paramref name="shape"/> is its unquoted characters with every quoted or expanded part as <c>_</c>.</summary>
        private (string Word, bool Dynamic, bool Quoted) ReadWord(out string shape)
        {
            var word = new StringBuilder();
            var unquoted = new StringBuilder();
            var isDynamic = false;
            var quoted = false;
            while (!End)
            {
                if (unquoted.Length < word.Length)
                    unquoted.Append('_', word.Length - unquoted.Length);
                var c = Current;
                if (c is ' ' or '\t' or '\n' or ';' or '&' or '|' or ')' or '<' or '>')
                {
                    if (c is '<' or '>' && Peek() == '(')
                    {
                        Hazards.Add("uses process substitution");
                        _i += 2;
                        Nest(() => ParseList(')'));
                        Expect(')');
                        word.Append(c).Append("(…)");
                        isDynamic = true;
                        continue;
                    }

                    break;
                }

                if (c == '(' && Peek() == ')')
                    break;
                if (c == '(')
                {
                    // Extended glob or array syntax inside a word: keep it literal but balanced.
                    var start = _i;
                    SkipBalanced("(", ")");
                    word.Append(text[start.._i]);
                    unquoted.Append(text[start.._i]);
                    continue;
                }

                switch (c)
                {
                    case '\\':
                        if (Peek() == '\n')
                        {
                            _i += 2;
                            continue;
                        }

                        if (_i + 1 < text.Length)
                            word.Append(text[_i + 1]);
                        _i += 2;
                        quoted = true;
                        continue;
                    case '\'':
                        quoted = true;
                        var close = text.IndexOf('\'', _i + 1);
                        if (close < 0)
                        {
                            Error ??= "unterminated single quote";
                            _i = text.Length;
                            break;
                        }

                        word.Append(text, _i + 1, close - _i - 1);
                        _i = close + 1;
                        continue;
                    case '"':
                        quoted = true;
                        isDynamic |= ReadDoubleQuoted(word);
                        continue;
                    case '`':
                        Hazards.Add("uses command substitution");
                        ReadBackticks();
                        word.Append("`…`");
                        isDynamic = true;
                        continue;
                    case '$':
                        if (Peek() == '\'')
                        {
                            quoted = true;
                            ReadAnsiC(word);
                            continue;
                        }

                        isDynamic |= ReadDollar(word);
                        continue;
                    default:
                        word.Append(c);
                        unquoted.Append(c);
                        _i++;
                        continue;
                }
            }

            if (unquoted.Length < word.Length)
                unquoted.Append('_', word.Length - unquoted.Length);
            shape = unquoted.ToString();
            return (word.ToString(), isDynamic, quoted);
        }

        private bool ReadDoubleQuoted(StringBuilder word)
        {
            var isDynamic = false;
            _i++;
            while (true)
            {
                if (_i >= text.Length)
                {
                    Error ??= "unterminated double quote";
                    return isDynamic;
                }

                var c = Current;
                if (c == '"')
                {
                    _i++;
                    return isDynamic;
                }

                if (c == '\\' && Peek() is '$' or '`' or '"' or '\\' or '\n')
                {
                    if (Peek() != '\n')
                        word.Append(Peek());
                    _i += 2;
                }
                else if (c == '$')
                {
                    isDynamic |= ReadDollar(word);
                }
                else if (c == '`')
                {
                    Hazards.Add("uses command substitution");
                    ReadBackticks();
                    word.Append("`…`");
                    isDynamic = true;
                }
                else
                {
                    word.Append(c);
                    _i++;
                }
            }
        }

        /// <summary>Reads a <c>$…</c> expansion; returns whether it is dynamic.</summary>
        private bool ReadDollar(StringBuilder word)
        {
            var next = Peek();
            if (next == '(' && Peek(2) == '(')
            {
                var start = _i;
                ReadArithmetic(_i + 1);
                word.Append(text[start.._i]);
                return true;
            }

            if (next == '[')
            {
                // $[ … ]: the old arithmetic expansion.
                var close = text.IndexOf(']', _i + 2);
                var end = close < 0 ? text.Length : close + 1;
                CheckArithmetic(text[(_i + 2)..Math.Max(_i + 2, end - 1)], "$[…]");
                word.Append(text, _i, end - _i);
                _i = end;
                return true;
            }

            if (next == '(')
            {
                Hazards.Add("uses command substitution");
                _i += 2;
                Nest(() => ParseList(')'));
                Expect(')');
                word.Append("$(…)");
                return true;
            }

            if (next == '{')
            {
                var close = FindBrace(_i + 2);
                if (close < 0)
                {
                    Error ??= "unterminated ${";
                    _i = text.Length;
                    return true;
                }

                var inner = text[(_i + 2)..close];
                if (!PlainParameter().IsMatch(inner))
                    Hazards.Add($"uses a parameter expansion operator: ${{{inner}}}");
                word.Append(text, _i, close + 1 - _i);
                _i = close + 1;
                return true;
            }

            if (char.IsAsciiLetter(next) || next == '_')
            {
                var start = _i;
                _i++;
                while (!End && (char.IsAsciiLetterOrDigit(Current) || Current == '_'))
                    _i++;
                word.Append(text[start.._i]);
                return true;
            }

            if (char.IsAsciiDigit(next) || next is '@' or '*' or '#' or '?' or '$' or '!' or '-')
            {
                word.Append(text, _i, 2);
                _i += 2;
                return true;
            }

            word.Append('$');
            _i++;
            return false;
        }

        private void ReadAnsiC(StringBuilder word)
        {
            _i += 2;
            while (true)
            {
                if (_i >= text.Length)
                {
                    Error ??= "unterminated $'";
                    return;
                }

                var c = Current;
                _i++;
                if (c == '\'')
                    return;
                if (c != '\\' || _i >= text.Length)
                {
                    word.Append(c);
                    continue;
                }

                var e = Current;
                _i++;
                switch (e)
                {
                    case 'n': word.Append('\n'); break;
                    case 't': word.Append('\t'); break;
                    case 'r': word.Append('\r'); break;
                    case 'a': word.Append('\a'); break;
                    case 'b': word.Append('\b'); break;
                    case 'e' or 'E': word.Append('\u001b'); break;
                    case 'f': word.Append('\f'); break;
                    case 'v': word.Append('\v'); break;
                    case 'x' or 'u' or 'U':
                        var max = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                        var digits = 0;
                        var value = 0;
                        while (digits < max && _i < text.Length && char.IsAsciiHexDigit(Current))
                        {
                            value = (value * 16) + System.Convert.ToInt32(Current.ToString(), 16);
                            digits++;
                            _i++;
                        }

                        word.Append(char.ConvertFromUtf32(Math.Clamp(value, 0, 0x10FFFF) is var v && v is >= 0xD800 and <= 0xDFFF ? 0xFFFD : Math.Clamp(value, 0, 0x10FFFF)));
                        break;
                    case >= '0' and <= '7':
                        var octal = e - '0';
                        for (var k = 0; k < 2 && _i < text.Length && Current is >= '0' and <= '7'; k++, _i++)
                            octal = (octal * 8) + (Current - '0');
                        word.Append((char)(octal & 0xFF));
                        break;
                    default:
                        word.Append(e);
                        break;
                }
            }
        }

        private void ReadBackticks()
        {
            var start = _i + 1;
            var j = start;
            while (j < text.Length && text[j] != '`')
                j += text[j] == '\\' ? 2 : 1;
            if (j >= text.Length)
            {
                Error ??= "unterminated backquote";
                _i = text.Length;
                return;
            }

            var inner = Parse(text[start..j]);
            Commands.AddRange(inner.Commands);
            Hazards.AddRange(inner.Hazards);
            _i = j + 1;
        }

        private void ReadHeredocBodies()
        {
            foreach (var (delimiter, strip, expands) in _pendingHeredocs)
            {
                var body = new StringBuilder();
                var terminated = false;
                while (_i < text.Length)
                {
                    var eol = text.IndexOf('\n', _i);
                    var line = eol < 0 ? text[_i..] : text[_i..eol];
                    _i = eol < 0 ? text.Length : eol + 1;
                    if ((strip ? line.TrimStart('\t') : line) == delimiter)
                    {
                        terminated = true;
                        break;
                    }

                    body.Append(line).Append('\n');
                }

                if (!terminated)
                    Hazards.Add($"has a here-document without its closing '{delimiter}' line");
                if (expands)
                    ScanExpansions(body.ToString());
            }

            _pendingHeredocs.Clear();
        }

        /// <summary>
        /// Finds what an unquoted here-document body runs when bash expands it: command substitutions (parsed like the
        /// line itself), backquotes, arithmetic and parameter-expansion operators. Backslash quotes only <c>$ ` \</c>.
        /// </summary>
        private void ScanExpansions(string body)
        {
            var inner = new Parser(body) { _depth = _depth + 1 };
            if (inner._depth > 32)
            {
                Error ??= "nesting is too deep";
                return;
            }

            var scratch = new StringBuilder();
            while (!inner.End)
            {
                var c = inner.Current;
                if (c == '\\')
                {
                    inner._i += 2;
                }
                else if (c == '$')
                {
                    inner.ReadDollar(scratch);
                }
                else if (c == '`')
                {
                    inner.Hazards.Add("uses command substitution");
                    inner.ReadBackticks();
                }
                else
                {
                    inner._i++;
                }
            }

            Commands.AddRange(inner.Commands);
            Hazards.AddRange(inner.Hazards);
            if (inner.Error is { } error)
                Error ??= "in a here-document: " + error;
        }

        private void SkipForHeader()
        {
            // for NAME [in WORDS]; do — the words may expand but run nothing by themselves.
            SkipBlanks();
            if (!End && Current == '(' && Peek() == '(')
                ReadArithmetic(_i); // for (( init; test; step ))
            while (!End && Current is not ';' and not '\n')
            {
                if (Current == '$' || Current == '`')
                {
                    var scratch = new StringBuilder();
                    if (Current == '`')
                    {
                        Hazards.Add("uses command substitution");
                        ReadBackticks();
                    }
                    else
                    {
                        ReadDollar(scratch);
                    }

                    continue;
                }

                if (Current is '"' or '\'')
                {
                    ReadWord();
                    continue;
                }

                if (Current == 'd' && text.AsSpan(_i).StartsWith("do") && (_i + 2 >= text.Length || !char.IsAsciiLetterOrDigit(text[_i + 2])))
                    return;
                _i++;
            }
        }

        /// <summary>Reads <c>(( … ))</c> starting at the first parenthesis and checks the expression.</summary>
        private void ReadArithmetic(int start)
        {
            _i = start;
            SkipBalanced("((", "))");
            var end = Math.Max(start + 2, _i - 2);
            CheckArithmetic(text[Math.Min(start + 2, end)..end], "((…))");
        }

        /// <summary>
        /// Arithmetic evaluates the values of the names in it as expressions again, and array subscripts and
        /// expansions in it run commands (<c>x='a[$(id)]'; echo $((x))</c>). Only literal numbers and operators
        /// are understood; anything else asks.
        /// </summary>
        private void CheckArithmetic(string expression, string form)
        {
            if (expression.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '\t' or '\n' or '+' or '-' or '*' or '/' or '%' or '<' or '>' or '=' or '!'
                    or '&' or '|' or '^' or '~' or '?' or ':' or '(' or ')' or ',')))
                Hazards.Add($"evaluates arithmetic on names, subscripts or expansions, which can run commands: {form}");
        }

        private void SkipBalanced(string open, string close)
        {
            var depth = 0;
            while (_i < text.Length)
            {
                if (text.AsSpan(_i).StartsWith(open, StringComparison.Ordinal))
                {
                    depth++;
                    _i += open.Length;
                }
                else if (text.AsSpan(_i).StartsWith(close, StringComparison.Ordinal))
                {
                    depth--;
                    _i += close.Length;
                    if (depth <= 0)
                        return;
                }
                else
                {
                    _i++;
                }
            }

            Error ??= $"unbalanced '{open}'";
        }

        private int FindBrace(int from)
        {
            var depth = 1;
            for (var j = from; j < text.Length; j++)
            {
                if (text[j] == '\\')
                {
                    j++;
                    continue;
                }

                if (text[j] == '{')
                    depth++;
                else if (text[j] == '}' && --depth == 0)
                    return j;
            }

            return -1;
        }

        private void Nest(Action parse)
        {
            if (++_depth > 32)
            {
                Error ??= "nesting is too deep";
                _i = text.Length;
            }
            else
            {
                parse();
            }

            _depth--;
        }

        private void Expect(char c)
        {
            if (!End && Current == c)
                _i++;
            else
                Error ??= $"missing '{c}'";
        }

        private void SkipBlanks()
        {
            while (!End && (Current is ' ' or '\t' || (Current == '\\' && Peek() == '\n')))
                _i += Current == '\\' ? 2 : 1;
            if (!End && Current == '#')
                SkipComment();
        }

        private void SkipComment()
        {
            while (!End && Current != '\n')
                _i++;
        }

        private void SkipToEnd() => _i = text.Length;

        private static bool IsAssignment(string word, bool quoted)
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                return false;
            var name = word[..eq].TrimEnd('+');
            if (name.EndsWith(']') && name.Contains('[', StringComparison.Ordinal))
                name = name[..name.IndexOf('[', StringComparison.Ordinal)];
            return name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_') && (!quoted || eq > 0);
        }

        [System.Text.RegularExpressions.GeneratedRegex(@"\{[^{}]*(,|\.\.)[^{}]*\}")]
        private static partial System.Text.RegularExpressions.Regex BraceExpansion();

        [System.Text.RegularExpressions.GeneratedRegex(@"^(#?[A-Za-z_][A-Za-z0-9_]*|#?[0-9]+|[@*#?$!-])$")]
        private static partial System.Text.RegularExpressions.Regex PlainParameter();
    }
}
