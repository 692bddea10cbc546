#!/bin/bash
set -e
cd /app
mkdir -p "$(dirname 'reverse.go')"
cat > 'reverse.go' <<'WRIGHT_EOF'
package task

func Reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}
WRIGHT_EOF
