import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Counter } from '/app/counter.mjs';
test('class', () => {
  const c = new Counter(5); c.increment();
  assert.equal(c.value, 6);
  assert.equal(typeof Counter, 'function');
  assert.ok(/^class\b/.test(Counter.toString()));
});
