/** Starts a gateway in a child process (test/helpers/gateway-child.ts) and watches it: a crash is its exit, with its stderr. */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { GatewayUrls } from '../../src/gateway.ts';

export interface GatewayProcess {
  child: ChildProcess;
  urls: GatewayUrls;
  /** `undefined` while running; how it ended, with what it wrote to stderr, once it has. */
  exited(): string | undefined;
  stop(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./gateway-child.ts', import.meta.url));

export function startGatewayProcess(servicePath: string, readyTimeoutMs = 20_000): Promise<GatewayProcess> {
  const child = fork(CHILD, [servicePath], { execArgv: ['--import', 'tsx', '--conditions=source'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  let exit: string | undefined;
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  const ended = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = `exited with ${signal ?? code}; stderr:\n${stderr}`;
      resolve();
    }),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the gateway process did not start within ${readyTimeoutMs} ms; stderr:\n${stderr}`));
    }, readyTimeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(exit));
    });
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve({
        child,
        urls: (message as { urls: GatewayUrls }).urls,
        exited: () => exit,
        async stop() {
          if (exit === undefined) child.disconnect();
          const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await ended;
          clearTimeout(killTimer);
        },
      });
    });
  });
}
