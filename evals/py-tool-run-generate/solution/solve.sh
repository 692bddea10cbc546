#!/bin/bash
set -e
cd /app
mkdir -p "$(dirname 'table.txt')"
cat > 'table.txt' <<'WRIGHT_EOF'
1 1
2 4
3 9
4 16
5 25
WRIGHT_EOF
