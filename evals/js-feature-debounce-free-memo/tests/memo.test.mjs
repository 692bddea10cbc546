import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoize } from '/app/memo.mjs';
test('caches', () => {
  let calls = 0;
  const sq = memoize((x) => { calls++; return x * x; });
  assert.equal(sq(3), 9); assert.equal(sq(3), 9); assert.equal(sq(4), 16);
  assert.equal(calls, 2);
});
