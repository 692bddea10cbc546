#!/bin/bash
set -e
cd /app
mkdir -p "$(dirname 'memo.mjs')"
cat > 'memo.mjs' <<'WRIGHT_EOF'
export const identity = (x) => x;
export function memoize(fn) {
  const cache = new Map();
  return (x) => {
    if (!cache.has(x)) cache.set(x, fn(x));
    return cache.get(x);
  };
}
WRIGHT_EOF
