#!/bin/bash
set -e
cd /app
mkdir -p "$(dirname 'src/lib.rs')"
cat > 'src/lib.rs' <<'WRIGHT_EOF'
pub fn fizzbuzz(n: u32) -> String {
    match (n % 3, n % 5) {
        (0, 0) => "FizzBuzz".to_string(),
        (0, _) => "Fizz".to_string(),
        (_, 0) => "Buzz".to_string(),
        _ => n.to_string(),
    }
}
WRIGHT_EOF
