namespace Wright.Permissions.Shell;

/// <summary>
/// Reads a (GNU) sed script command by command — addresses (<c>N</c>, <c>$</c>, <c>/re/</c>, <c>\cREc</c>,
/// <c>first~step</c>, ranges, <c>!</c>), blocks, and each command's arguments — and reports what runs commands or
/// touches files: <c>e</c>, <c>s///e</c>, <c>w</c>/<c>W</c> and <c>s///w</c> (write a file), <c>r</c>/<c>R</c>
/// (read another file). A script it cannot read to the end is reported too: what is not understood asks.
/// </summary>
public static class SedScript
{
    /// <summary>Why the script is not a plain text filter, or null.</summary>
    public static string? Why(string script)
    {
        var i = 0;
        var n = script.Length;
        while (true)
        {
            // Separators between commands.
            while (i < n && (char.IsWhiteSpace(script[i]) || script[i] == ';'))
                i++;
            if (i >= n)
                return null;
            if (script[i] == '#')
            {
                i = LineEnd(script, i);
                continue;
            }

            if (!Address(script, ref i))
                return "sed script with an address that is not understood";
            if (i < n && script[i] == ',')
            {
                i++;
                if (!Address(script, ref i, second: true))
                    return "sed script with an address that is not understood";
            }

            while (i < n && script[i] is ' ' or '\t')
                i++;
            if (i < n && script[i] == '!')
            {
                i++;
                while (i < n && script[i] is ' ' or '\t')
                    i++;
            }

            if (i >= n)
                return "sed script ends without a command";
            var command = script[i++];
            switch (command)
            {
                case '{' or '}' or '=' or 'd' or 'D' or 'g' or 'G' or 'h' or 'H' or 'x' or 'n' or 'N' or 'p' or 'P' or 'z' or 'F':
                    break;
                case 'q' or 'Q' or 'l' or 'L':
                    SkipDigits(script, ref i);
                    break;
                case ':' or 'b' or 't' or 'T' or 'v':
                    // Label to the end of the command.
                    while (i < n && script[i] is not ';' and not '\n')
                        i++;
                    break;
                case 'a' or 'i' or 'c':
                    i = TextArgument(script, i);
                    break;
                case 'y':
                    if (!Delimited(script, ref i, 2))
                        return "sed y command that is not understood";
                    break;
                case 's':
                    if (!Delimited(script, ref i, 2))
                        return "sed s command that is not understood";
                    while (i < n && script[i] is not ';' and not '\n' and not '}' and not ' ' and not '\t')
                    {
                        var flag = script[i++];
                        if (flag == 'e')
                            return "sed script runs commands (s///e)";
                        if (flag == 'w')
                            return "sed script writes a file (s///w)";
                        if (!(char.IsAsciiDigit(flag) || flag is 'g' or 'p' or 'i' or 'I' or 'm' or 'M'))
                            return $"sed s command with a flag that is not understood ({flag})";
                    }

                    break;
                case 'e':
                    return "sed script runs commands (the e command)";
                case 'w' or 'W':
                    return "sed script writes a file (the w command)";
                case 'r' or 'R':
                    return "sed script reads another file (the r command)";
                default:
                    return $"sed script with a command that is not understood ({command})";
            }
        }
    }

    private static bool Address(string s, ref int i, bool second = false)
    {
        var n = s.Length;
        if (i >= n)
            return true;
        var c = s[i];
        if (char.IsAsciiDigit(c))
        {
            SkipDigits(s, ref i);
            if (i < n && s[i] == '~')
            {
                i++;
                SkipDigits(s, ref i);
            }

            return true;
        }

        if (c == '$')
        {
            i++;
            return true;
        }

        if (second && c is '+' or '~')
        {
            i++;
            SkipDigits(s, ref i);
            return true;
        }

        if (c == '/' || c == '\\')
        {
            if (c == '\\')
                i++;
            if (i >= n)
                return false;
            var delimiter = s[i++];
            if (!Until(s, ref i, delimiter))
                return false;
            while (i < n && s[i] is 'I' or 'M')
                i++;
            return true;
        }

        return true; // no address
    }

    /// <summary>Reads <paramref name="parts"/> delimited parts after the delimiter character at <paramref name="i"/>.</summary>
    private static bool Delimited(string s, ref int i, int parts)
    {
        if (i >= s.Length || s[i] is '\n' or '\\')
            return false;
        var delimiter = s[i++];
        for (var k = 0; k <= parts - 1; k++)
        {
            if (!Until(s, ref i, delimiter))
                return false;
        }

        return true;
    }

    /// <summary>Moves past the next unescaped <paramref name="delimiter"/>; false when there is none.</summary>
    private static bool Until(string s, ref int i, char delimiter)
    {
        while (i < s.Length)
        {
            var c = s[i++];
            if (c == '\\')
            {
                i++;
                continue;
            }

            if (c == delimiter)
                return true;
        }

        return false;
    }

    private static int TextArgument(string s, int i)
    {
        // GNU one-liner "a text" or classic "a\<newline>text…": the text runs to an unescaped end of line.
        while (i < s.Length)
        {
            var c = s[i++];
            if (c == '\\')
            {
                i++;
                continue;
            }

            if (c == '\n')
                break;
        }

        return i;
    }

    private static void SkipDigits(string s, ref int i)
    {
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] is ' ' or '\t'))
            i++;
    }

    private static int LineEnd(string s, int i)
    {
        var end = s.IndexOf('\n', i);
        return end < 0 ? s.Length : end + 1;
    }
}
