#!/bin/bash
set -e
cd /app
mkdir -p "$(dirname 'test_calendar_utils.py')"
cat > 'test_calendar_utils.py' <<'WRIGHT_EOF'
from calendar_utils import is_leap
def test_rules():
    assert is_leap(2024)
    assert not is_leap(2023)
    assert not is_leap(1900)
    assert is_leap(2000)
WRIGHT_EOF
