/** `hoplite synth`'s arguments and the sizes it prints; the command itself runs in test/e2e/synth-command.test.ts. */
import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { CliIo } from './io.ts';
import { main } from './main.ts';
import { formatBytes } from './synth.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

function memoryIo(): CliIo & { err: () => string } {
  let err = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        append(chunk.toString());
        callback();
      },
    });
  return {
    stdin: new PassThrough(),
    stdout: sink(() => {}),
    stderr: sink((text) => {
      err += text;
    }),
    env: {},
    err: () => err,
  };
}

test('sizes in bytes, KiB and MiB', () => {
  assert.deepStrictEqual([0, 1023, 1024, 1536, 1024 * 1024 - 1, 3.25 * 1024 * 1024].map(formatBytes), [
    '0 B',
    '1023 B',
    '1.0 KiB',
    '1.5 KiB',
    '1024.0 KiB',
    '3.3 MiB',
  ]);
});

test("one entry at most, and hoplite dev's gateway flags are not synth's", async () => {
  const two = memoryIo();
  assert.equal(await main(['synth', 'a.ts', 'b.ts'], two, root), 1);
  assert.equal(two.err(), 'error: expected at most one entry, got 2: a.ts b.ts\n');
  const port = memoryIo();
  assert.equal(await main(['synth', '--port', '3000'], port, root), 2);
  // Node's own wording of the rest of the line differs between versions.
  const [first, second, third] = port.err().split('\n');
  assert.deepStrictEqual([first?.startsWith("error: Unknown option '--port'."), second, third], [true, 'Run hoplite synth --help for its options.', '']);
});
