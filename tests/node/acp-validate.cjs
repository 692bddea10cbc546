#!/usr/bin/env node
// Validates every message an ACP agent sent against the Agent Client Protocol's JSON schema (v1, shipped in
// @agentclientprotocol/sdk). Input: a transcript file, one JSON object per line: {"dir":"in"|"out","msg":{...}} where
// "in" is what the client sent (used to know which method a response answers) and "out" what the agent sent.
// Each agent message is checked against the schema's whole "Agent" message and against the exact type for its method
// (e.g. session/prompt's result against PromptResponse, session/update's params against SessionNotification).
// Prints {"checked":N,"errors":[...]} and exits 1 when any message is invalid.
const fs = require('fs');
const path = require('path');
const Ajv2020 = require('ajv/dist/2020').default;

const schemaFile = path.join(__dirname, 'node_modules', '@agentclientprotocol', 'sdk', 'schema', 'v1', 'schema.json');
const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
for (const f of ['int32', 'int64', 'uint16', 'uint32', 'uint64']) ajv.addFormat(f, { type: 'number', validate: Number.isInteger });
ajv.addFormat('double', { type: 'number', validate: () => true });
ajv.addFormat('uri', true);
ajv.addSchema(schema, 'acp');
const def = (name) => {
  const v = ajv.getSchema('acp#/$defs/' + name);
  if (!v) throw new Error('no $defs/' + name + ' in the schema');
  return v;
};
const agentMessage = ajv.compile({ $ref: 'acp#/anyOf/0' });

// What the agent's requests and notifications carry, and what its answers to the client's requests must be.
const agentRequests = {
  'session/update': 'SessionNotification',
  'session/request_permission': 'RequestPermissionRequest',
  'fs/read_text_file': 'ReadTextFileRequest',
  'fs/write_text_file': 'WriteTextFileRequest',
  // No terminal/*: Wright runs commands itself, in its sandbox, never in a client's terminal.
};
const responses = {
  initialize: 'InitializeResponse',
  authenticate: 'AuthenticateResponse',
  'session/new': 'NewSessionResponse',
  'session/load': 'LoadSessionResponse',
  'session/prompt': 'PromptResponse',
  'session/set_mode': 'SetSessionModeResponse',
};

const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.trim());
const asked = new Map();
const errors = [];
let checked = 0;
for (const [i, line] of lines.entries()) {
  const { dir, msg } = JSON.parse(line);
  if (dir === 'in') {
    if (msg && typeof msg === 'object' && 'id' in msg && typeof msg.method === 'string') asked.set(JSON.stringify(msg.id), msg.method);
    continue;
  }
  checked++;
  const fail = (what, validator) => errors.push({ line: i + 1, what, message: msg, errors: validator.errors });
  if (!agentMessage(msg)) fail('not an ACP agent message', agentMessage);
  if (typeof msg.method === 'string') {
    const type = agentRequests[msg.method];
    if (!type) errors.push({ line: i + 1, what: 'a method the agent may not send: ' + msg.method, message: msg });
    else {
      const v = def(type);
      if (!v(msg.params)) fail(msg.method + ' params are not ' + type, v);
    }
  } else if ('error' in msg) {
    const v = def('Error');
    if (!v(msg.error)) fail('error is not an Error', v);
  } else {
    const method = asked.get(JSON.stringify(msg.id));
    const type = responses[method];
    if (!type) errors.push({ line: i + 1, what: 'a response to no request the client sent (or to an unknown method ' + method + ')', message: msg });
    else {
      const v = def(type);
      if (!v(msg.result)) fail(method + ' result is not ' + type, v);
    }
  }
}
process.stdout.write(JSON.stringify({ checked, errors }, null, 1) + '\n');
process.exit(errors.length ? 1 : 0);
