#!/bin/bash
set -e
cd /app
mkdir -p "$(dirname 'backup.sh')"
cat > 'backup.sh' <<'WRIGHT_EOF'
#!/bin/bash
set -e
mkdir -p "$2"
n=0
for f in "$1"/*.txt; do
  [ -e "$f" ] || continue
  cp "$f" "$2"/
  n=$((n + 1))
done
echo "$n"
WRIGHT_EOF
