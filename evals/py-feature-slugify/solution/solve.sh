#!/bin/bash
set -e
cd /app
mkdir -p "$(dirname 'text_utils.py')"
cat > 'text_utils.py' <<'WRIGHT_EOF'
import re
def shout(text):
    return text.upper()
def slugify(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
WRIGHT_EOF
