#!/bin/bash
set -e
cd /app
mkdir -p "$(dirname 'Rle.cs')"
cat > 'Rle.cs' <<'WRIGHT_EOF'
using System.Text;
public static class Rle
{
    public static string Encode(string s)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < s.Length;)
        {
            var j = i;
            while (j < s.Length && s[j] == s[i])
                j++;
            sb.Append(j - i).Append(s[i]);
            i = j;
        }
        return sb.ToString();
    }
}
WRIGHT_EOF
