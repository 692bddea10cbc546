#!/bin/bash
set -e
cd /app
sha256sum data.bin | cut -d' ' -f1 > data.sha256
