#!/bin/bash
set -e
cd /app
mkdir -p "$(dirname 'clamp.go')"
cat > 'clamp.go' <<'WRIGHT_EOF'
package task

func Clamp(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}
WRIGHT_EOF
