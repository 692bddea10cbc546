import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chunk } from '/app/chunk.mjs';
test('partial', () => assert.deepEqual(chunk([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]));
test('exact', () => assert.deepEqual(chunk([1, 2], 2), [[1, 2]]));
