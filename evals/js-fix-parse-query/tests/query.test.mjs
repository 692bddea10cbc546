import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuery } from '/app/query.mjs';
test('decodes', () => assert.deepEqual(parseQuery('a=b%20c&d=e+f'), { a: 'b c', d: 'e f' }));
