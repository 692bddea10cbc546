using System.Text;
using System.Text.RegularExpressions;

namespace Wright.Permissions.Shell;

/// <summary>
/// Looks through an awk program (strings and regular-expression literals set aside) for what reaches beyond filtering
/// text: <c>system()</c>, <c>getline</c>, pipes to or from commands (<c>|</c>, <c>|&amp;</c>), <c>print &gt; file</c> and
/// <c>&gt;&gt;</c> redirections, and gawk's <c>@</c> forms (<c>@load</c>, <c>@include</c>, indirect calls such as <c>@f("id")</c>).
/// </summary>
public static class AwkProgram
{
    /// <summary>Why the program is not a plain text filter, or null.</summary>
    public static string? Why(string program)
    {
        var code = Strip(program);
        if (Word("system").IsMatch(code))
            return "awk program runs commands (system)";
        if (Word("getline").IsMatch(code))
            return "awk program reads a command's output or a file (getline)";
        if (code.Contains('@', StringComparison.Ordinal))
            return "awk program uses gawk's @ forms (@load/@include, or an indirect call that can reach system)";
        for (var i = 0; i < code.Length; i++)
        {
            if (code[i] == '|')
            {
                if (i + 1 < code.Length && code[i + 1] == '|')
                {
                    i++;
                    continue;
                }

                return "awk program pipes to or from a command (|)";
            }
        }

        foreach (Match print in Word("printf?").Matches(code))
        {
            var depth = 0;
            for (var i = print.Index + print.Length; i < code.Length && code[i] is not ';' and not '\n' and not '}'; i++)
            {
                if (code[i] == '(')
                    depth++;
                else if (code[i] == ')')
                    depth--;
                else if (code[i] == '>' && depth <= 0)
                    return "awk program writes a file (print > file)";
            }
        }

        return null;
    }

    /// <summary>The program with string contents and regular-expression literals blanked out.</summary>
    private static string Strip(string program)
    {
        var result = new StringBuilder(program.Length);
        var i = 0;
        while (i < program.Length)
        {
            var c = program[i];
            if (c == '"' || (c == '/' && RegexMayStart(result)))
            {
                result.Append(c);
                i++;
                while (i < program.Length && program[i] != c)
                {
                    if (program[i] == '\\')
                    {
                        result.Append(' ');
                        i++;
                    }

                    if (i < program.Length)
                    {
                        result.Append(program[i] == '\n' ? '\n' : ' ');
                        i++;
                    }
                }

                if (i < program.Length)
                {
                    result.Append(c);
                    i++;
                }

                continue;
            }

            if (c == '#')
            {
                while (i < program.Length && program[i] != '\n')
                    i++;
                continue;
            }

            result.Append(c);
            i++;
        }

        return result.ToString();
    }

    private static bool RegexMayStart(StringBuilder before)
    {
        for (var j = before.Length - 1; j >= 0; j--)
        {
            var p = before[j];
            if (p is ' ' or '\t')
                continue;
            return p is '(' or ',' or '!' or '~' or '{' or ';' or '\n' or '&' or '|' or '?' or ':';
        }

        return true;
    }

    private static Regex Word(string word) => new(@"(?<![A-Za-z0-9_])" + word + @"(?![A-Za-z0-9_])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
