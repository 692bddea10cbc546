#!/bin/bash
# Harbor verifier: writes the reward to /logs/verifier/reward.txt (1 = solved).
for tool in python3; do command -v "$tool" >/dev/null || { echo "$tool: command not found"; exit 127; }; done
cd /app
if python3 -m pytest -q -p no:cacheprovider /tests/test_table.py; then echo 1 > /logs/verifier/reward.txt; else echo 0 > /logs/verifier/reward.txt; fi
