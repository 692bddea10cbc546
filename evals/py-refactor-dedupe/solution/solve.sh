#!/bin/bash
set -e
cd /app
mkdir -p "$(dirname 'report.py')"
cat > 'report.py' <<'WRIGHT_EOF'
def total(items, key):
    return sum(i[key] for i in items)
def total_price(items):
    return total(items, "price")
def total_weight(items):
    return total(items, "weight")
WRIGHT_EOF
