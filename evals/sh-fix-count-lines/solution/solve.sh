#!/bin/bash
set -e
cd /app
mkdir -p "$(dirname 'count.sh')"
cat > 'count.sh' <<'WRIGHT_EOF'
#!/bin/bash
wc -l < "$1" | tr -d ' '
WRIGHT_EOF
