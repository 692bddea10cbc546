set -e
[ "$(cat /app/data.sha256)" = "$(sha256sum /app/data.bin | cut -d' ' -f1)" ]
