#!/bin/bash
set -e
cd /app
mkdir -p "$(dirname 'counter.mjs')"
cat > 'counter.mjs' <<'WRIGHT_EOF'
export class Counter {
  #v;
  constructor(start = 0) { this.#v = start; }
  increment() { this.#v++; }
  get value() { return this.#v; }
}
WRIGHT_EOF
