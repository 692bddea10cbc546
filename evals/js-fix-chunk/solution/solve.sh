#!/bin/bash
set -e
cd /app
mkdir -p "$(dirname 'chunk.mjs')"
cat > 'chunk.mjs' <<'WRIGHT_EOF'
export function chunk(array, size) {
  const out = [];
  for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
  return out;
}
WRIGHT_EOF
