#!/bin/bash
set -e
cd /app
mkdir -p "$(dirname 'words.go')"
cat > 'words.go' <<'WRIGHT_EOF'
package task

import "strings"

func WordCount(s string) map[string]int {
	m := map[string]int{}
	for _, w := range strings.Fields(s) {
		m[strings.ToLower(w)]++
	}
	return m
}
WRIGHT_EOF
