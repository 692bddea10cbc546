// Sends raw HTTP requests, headers exactly as given (Host included, which fetch cannot set), and prints one JSON line
// per response: {"status":…, "contentType":…, "wwwAuthenticate":…, "body":…}. Usage: node http-probe.cjs URL
// REQUESTS_JSON, where REQUESTS_JSON is an array of {"method","headers","body"} sent to URL one after another; in
// header values, {port} stands for URL's port and {token} for $WRIGHT_TEST_BEARER.
const http = require('node:http');

async function send(url, { method = 'POST', headers = {}, body }) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers, setHost: !Object.keys(headers).some((h) => h.toLowerCase() === 'host') }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => resolve({
        status: response.statusCode,
        contentType: response.headers['content-type'] ?? null,
        wwwAuthenticate: response.headers['www-authenticate'] ?? null,
        body: text,
      }));
    });
    request.setTimeout(20000, () => request.destroy(new Error('timed out')));
    request.on('error', reject);
    if (body !== undefined) request.write(body);
    request.end();
  });
}

(async () => {
  const [url, requests] = process.argv.slice(2);
  const fill = (v) => String(v).replaceAll('{port}', new URL(url).port).replaceAll('{token}', process.env.WRIGHT_TEST_BEARER ?? '');
  for (const r of JSON.parse(requests)) {
    const headers = Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k, fill(v)]));
    console.log(JSON.stringify(await send(url, { ...r, headers })));
  }
})().catch((e) => { console.error(e); process.exit(1); });
