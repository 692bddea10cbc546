#!/bin/bash
set -e
cd /app
mkdir -p "$(dirname 'src/lib.rs')"
cat > 'src/lib.rs' <<'WRIGHT_EOF'
pub fn sum_to(n: u32) -> u64 {
    (1..=n as u64).sum()
}
WRIGHT_EOF
