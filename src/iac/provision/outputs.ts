/** A stack's outputs as provision and status print them. */
import type { Output } from '@aws-sdk/client-cloudformation';

/** `  WebSocketUrl  wss://….amazonaws.com/v1  (the chat API)`: one line per output, keys aligned. */
export function formatOutputs(outputs: readonly Output[] | undefined): string[] {
  if (!outputs || outputs.length === 0) return ['  (none)'];
  const width = Math.max(...outputs.map((output) => (output.OutputKey ?? '').length));
  return outputs.map((output) => {
    const line = `  ${(output.OutputKey ?? '').padEnd(width)}  ${output.OutputValue ?? ''}`;
    return output.Description ? `${line}  (${output.Description})` : line;
  });
}
