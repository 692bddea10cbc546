set -e
rm -rf /tmp/src /tmp/dst; mkdir -p /tmp/src
echo 1 > /tmp/src/a.txt; echo 2 > /tmp/src/b.txt; echo 3 > /tmp/src/c.log
out="$(bash /app/backup.sh /tmp/src /tmp/dst)"
[ "$out" = "2" ] || { echo "printed '$out'"; exit 1; }
[ -f /tmp/dst/a.txt ] && [ -f /tmp/dst/b.txt ] && [ ! -e /tmp/dst/c.log ]
