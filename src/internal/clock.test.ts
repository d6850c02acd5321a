import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatClfTime } from './clock.ts';
import { GATEWAY_ID_PATTERN, systemIds } from './ids.ts';

test('GEN-2 CLF time: two-digit day, English month, UTC, +0000', () => {
  assert.equal(formatClfTime(Date.UTC(2024, 1, 9, 18, 11, 43, 419)), '09/Feb/2024:18:11:43 +0000');
  assert.equal(formatClfTime(Date.UTC(2025, 11, 31, 3, 4, 5)), '31/Dec/2025:03:04:05 +0000');
  assert.equal(formatClfTime(0), '01/Jan/1970:00:00:00 +0000');
  // Formatted once per second: the same second again, then the next one.
  assert.equal(formatClfTime(999), '01/Jan/1970:00:00:00 +0000');
  assert.equal(formatClfTime(1000), '01/Jan/1970:00:00:01 +0000');
});

test('GEN-1 ids are 16 characters of base64 ending in =, and do not repeat', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 1000; i++) {
    const id = systemIds.gatewayId();
    assert.match(id, GATEWAY_ID_PATTERN);
    seen.add(id);
  }
  assert.equal(seen.size, 1000);
});
