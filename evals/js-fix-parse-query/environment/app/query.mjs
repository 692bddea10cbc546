export function parseQuery(q) {
  const out = {};
  for (const part of q.split('&')) {
    const [k, v = ''] = part.split('=');
    out[k] = v;
  }
  return out;
}
