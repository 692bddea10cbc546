// Preloaded with `node -r` into programs that cannot send a header of their choosing (the MCP conformance suite's
// server mode): adds "Authorization: Bearer $WRIGHT_TEST_BEARER" to every HTTP request of the process, fetch and
// undici alike, by installing undici's global dispatcher (which Node's own fetch also uses).
const path = require('node:path');
const undici = require(path.join(__dirname, 'node_modules', 'undici'));
const token = process.env.WRIGHT_TEST_BEARER;
function withBearer(headers) {
  const value = 'Bearer ' + token;
  if (headers == null) return { authorization: value };
  if (Array.isArray(headers)) {
    if (headers.length > 0 && Array.isArray(headers[0])) return [...headers.filter(([k]) => String(k).toLowerCase() !== 'authorization'), ['authorization', value]];
    const flat = [];
    for (let i = 0; i < headers.length; i += 2) if (String(headers[i]).toLowerCase() !== 'authorization') flat.push(headers[i], headers[i + 1]);
    return [...flat, 'authorization', value];
  }
  if (typeof headers[Symbol.iterator] === 'function') return withBearer(Array.from(headers));
  const copy = {};
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() !== 'authorization') copy[k] = v;
  copy.authorization = value;
  return copy;
}
const agent = new undici.Agent();
undici.setGlobalDispatcher(agent.compose((dispatch) => (opts, handler) => dispatch({ ...opts, headers: withBearer(opts.headers) }, handler)));
