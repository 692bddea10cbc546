export function chunk(array, size) {
  const out = [];
  for (let i = 0; i + size <= array.length; i += size) out.push(array.slice(i, i + size));
  return out;
}
