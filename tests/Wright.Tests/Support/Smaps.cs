using System.Globalization;

namespace Wright.Tests.Support;

/// <summary>A process's memory mappings from /proc/PID/smaps: range, permissions, path, resident and huge-page sizes, VmFlags.</summary>
public static class Smaps
{
    public sealed record Mapping(long Start, long End, string Permissions, string Path)
    {
        public long RssKb { get; set; }

        public long AnonHugeKb { get; set; }

        public string[] Flags { get; set; } = [];
    }

    public static List<Mapping> Read(int pid)
    {
        var mappings = new List<Mapping>();
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 5 && fields[0].Contains('-', StringComparison.Ordinal) && !fields[0].EndsWith(':'))
            {
                var range = fields[0].Split('-');
                mappings.Add(new Mapping(long.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    long.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture), fields[1],
                    fields.Length > 5 ? string.Join(' ', fields[5..]) : ""));
            }
            else if (mappings.Count > 0 && fields.Length >= 2)
            {
                var m = mappings[^1];
                switch (fields[0])
                {
                    case "Rss:": m.RssKb = long.Parse(fields[1], CultureInfo.InvariantCulture); break;
                    case "AnonHugePages:": m.AnonHugeKb = long.Parse(fields[1], CultureInfo.InvariantCulture); break;
                    case "VmFlags:": m.Flags = fields[1..]; break;
                }
            }
        }

        return mappings;
    }
}
