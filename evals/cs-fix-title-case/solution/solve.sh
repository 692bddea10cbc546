#!/bin/bash
set -e
cd /app
mkdir -p "$(dirname 'Text.cs')"
cat > 'Text.cs' <<'WRIGHT_EOF'
public static class Text
{
    public static string TitleCase(string s) =>
        string.Join(' ', s.Split(' ').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant()));
}
WRIGHT_EOF
