set -e
printf 'a\nb\nc\n' > /tmp/three.txt
out="$(bash /app/count.sh /tmp/three.txt)"
[ "$out" = "3" ] || { echo "got '$out'"; exit 1; }
