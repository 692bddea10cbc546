#!/bin/bash
set -e
cd /app
mkdir -p "$(dirname 'query.mjs')"
cat > 'query.mjs' <<'WRIGHT_EOF'
export function parseQuery(q) {
  const out = {};
  for (const part of q.split('&')) {
    const [k, v = ''] = part.split('=');
    out[decodeURIComponent(k.replace(/\+/g, ' '))] = decodeURIComponent(v.replace(/\+/g, ' '));
  }
  return out;
}
WRIGHT_EOF
