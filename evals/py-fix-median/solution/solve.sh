#!/bin/bash
set -e
cd /app
mkdir -p "$(dirname 'stats.py')"
cat > 'stats.py' <<'WRIGHT_EOF'
def median(values):
    s = sorted(values)
    n = len(s)
    if n % 2:
        return s[n // 2]
    return (s[n // 2 - 1] + s[n // 2]) / 2
WRIGHT_EOF
