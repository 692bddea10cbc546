// A small MCP server over stdio (newline-delimited JSON-RPC) whose behaviour the tests choose, to reach the corners
// a reference server does not: the protocol revision it answers initialize with (MCP_VERSION), how it answers the
// server/discover probe (MCP_DISCOVER: empty | wrong-shape | error | hang | http-error), and tools that ask the client
// things: "roots" (roots/list), "ask" (elicitation/create), "grow" (adds a tool and sends tools/list_changed).
import { createInterface } from 'node:readline';

const version = process.env.MCP_VERSION ?? '2025-06-18';
const discover = process.env.MCP_DISCOVER ?? 'error';
let grown = false;
let nextId = 1000;
const pending = new Map();

const send = (message) => process.stdout.write(JSON.stringify({ jsonrpc: '2.0', ...message }) + '\n');
const ask = (method, params) => new Promise((resolve) => {
  const id = nextId++;
  pending.set(id, resolve);
  send({ id, method, params });
});
const tools = () => [
  { name: 'ping', description: 'Answers pong with the protocol revision.', inputSchema: { type: 'object' } },
  { name: 'roots', description: 'Asks the client for its roots.', inputSchema: { type: 'object' } },
  { name: 'ask', description: 'Asks the person for a name and an age.', inputSchema: { type: 'object' } },
  { name: 'grow', description: 'Adds the tool "extra".', inputSchema: { type: 'object' } },
  ...(grown ? [{ name: 'extra', description: 'Added later.', inputSchema: { type: 'object' } }] : []),
];
const text = (t) => ({ content: [{ type: 'text', text: t }] });

async function call(name) {
  switch (name) {
    case 'ping': return text(`pong ${version}`);
    case 'roots': return text(JSON.stringify((await ask('roots/list', {})).result));
    case 'ask': {
      const answer = await ask('elicitation/create', {
        message: 'Who are you?',
        requestedSchema: {
          type: 'object',
          properties: {
            name: { type: 'string', title: 'Name', minLength: 1 },
            age: { type: 'integer', title: 'Age', minimum: 0, maximum: 150, default: 30 },
            color: { type: 'string', enum: ['red', 'green'], default: 'green' },
            ok: { type: 'boolean', default: true },
          },
          required: ['name'],
        },
      });
      return text(JSON.stringify(answer.result ?? answer.error));
    }
    case 'grow':
      grown = true;
      send({ method: 'notifications/tools/list_changed' });
      return text('grown');
    case 'extra': return text('extra works');
    default: return { ...text(`unknown tool ${name}`), isError: true };
  }
}

createInterface({ input: process.stdin }).on('line', async (line) => {
  if (!line.trim()) return;
  const message = JSON.parse(line);
  if (message.id !== undefined && message.method === undefined) {
    pending.get(message.id)?.(message);
    pending.delete(message.id);
    return;
  }
  const { id, method, params } = message;
  if (id === undefined) return; // notifications
  switch (method) {
    case 'server/discover':
      if (discover === 'empty') send({ id, result: {} });
      else if (discover === 'wrong-shape') send({ id, result: { supportedVersions: 'all', capabilities: [] } });
      else if (discover === 'error') send({ id, error: { code: -32601, message: 'Method not found' } });
      // hang: no answer at all
      return;
    case 'initialize':
      send({ id, result: { protocolVersion: version, capabilities: { tools: { listChanged: true } }, serverInfo: { name: 'scripted', version: '1.0.0' } } });
      return;
    case 'ping': send({ id, result: {} }); return;
    case 'tools/list': send({ id, result: { tools: tools() } }); return;
    case 'tools/call': send({ id, result: await call(params.name) }); return;
    default: send({ id, error: { code: -32601, message: `Method not found: ${method}` } });
  }
});
