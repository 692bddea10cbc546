namespace Wright.Permissions.Dependencies.Recognition;

/// <summary>
/// A command's words split into options and operands, GNU style: <c>--name=value</c>, <c>--name value</c> and
/// <c>-x value</c> / <c>-xvalue</c> for options that take a value, clusters of short flags, <c>--</c> ending options.
/// </summary>
internal sealed class CommandArguments
{
    private readonly Dictionary<string, List<Word>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private CommandArguments()
    {
    }

    /// <summary>The operands, in order.</summary>
    public List<Word> Operands { get; } = [];

    /// <summary>The index in the parsed words of each operand.</summary>
    public List<int> OperandPositions { get; } = [];

    /// <summary>
    /// Splits <paramref name="words"/> from <paramref name="start"/>. <paramref name="valued"/> maps each spelling of an
    /// option that takes a value to its canonical name; every other option is a flag.
    /// <paramref name="stopAtFirstOperand"/>: options after the first operand belong to it (a command run by another).
    /// <paramref name="singleDashLong"/>: options are <c>-name</c> words (go, nuget), never clusters of letters.
    /// </summary>
    public static CommandArguments Parse(IReadOnlyList<Word> words, int start, IReadOnlyDictionary<string, string> valued, bool stopAtFirstOperand = false,
        bool singleDashLong = false)
    {
        var result = new CommandArguments();
        for (var i = start; i < words.Count; i++)
        {
            var word = words[i];
            var text = word.Text;
            if (stopAtFirstOperand && result.Operands.Count > 0)
            {
                result.AddOperand(word, i);
                continue;
            }

            if (text == "--" && !word.Dynamic)
            {
                for (var j = i + 1; j < words.Count; j++)
                    result.AddOperand(words[j], j);
                break;
            }

            if (word.Dynamic || text.Length < 2 || text[0] != '-')
            {
                result.AddOperand(word, i);
                continue;
            }

            if (text.StartsWith("--", StringComparison.Ordinal) || singleDashLong)
            {
                var eq = text.IndexOf('=', StringComparison.Ordinal);
                var name = eq < 0 ? text : text[..eq];
                if (valued.TryGetValue(name, out var canonical))
                {
                    if (eq >= 0)
                        result.Add(canonical, new Word(text[(eq + 1)..], false));
                    else if (i + 1 < words.Count)
                        result.Add(canonical, words[++i]);
                }
                else
                {
                    result._flags.Add(name);
                }

                continue;
            }

            for (var k = 1; k < text.Length; k++)
            {
                var option = "-" + text[k];
                if (valued.TryGetValue(option, out var canonical))
                {
                    if (k + 1 < text.Length)
                        result.Add(canonical, new Word(text[(k + 1)..].TrimStart('='), false));
                    else if (i + 1 < words.Count)
                        result.Add(canonical, words[++i]);
                    break;
                }

                result._flags.Add(option);
            }
        }

        return result;
    }

    /// <summary>The values given to an option (by its canonical name).</summary>
    public IReadOnlyList<Word> Values(string canonical) => _values.TryGetValue(canonical, out var list) ? list : [];

    /// <summary>The last value given to an option, or null.</summary>
    public Word? Value(string canonical) => _values.TryGetValue(canonical, out var list) && list.Count > 0 ? list[^1] : null;

    /// <summary>Whether any of the options was given (as a flag or with a value).</summary>
    public bool Has(params string[] names) => names.Any(n => _flags.Contains(n) || _values.ContainsKey(n));

    /// <summary>Builds an alias map: each group lists the spellings of one option, the first being its canonical name.</summary>
    public static Dictionary<string, string> Valued(params string[][] groups)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            foreach (var spelling in group)
                map[spelling] = group[0];
        }

        return map;
    }

    private void AddOperand(Word word, int position)
    {
        Operands.Add(word);
        OperandPositions.Add(position);
    }

    private void Add(string canonical, Word value)
    {
        if (!_values.TryGetValue(canonical, out var list))
            _values[canonical] = list = [];
        list.Add(value);
    }
}
