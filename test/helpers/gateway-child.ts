/** A gateway in its own process, for tests that must see a crash as an exit: started from a service module, its URLs sent to the parent. */
import { Gateway } from '../../src/gateway.ts';
import { memoryLog } from '../../src/internal/log.ts';

const [servicePath] = process.argv.slice(2);
const { default: service } = await import(servicePath as string);
const gateway = new Gateway(service, { host: '127.0.0.1', port: 0, log: memoryLog() });
process.send?.({ urls: await gateway.ready });
// The parent disconnecting (it ended or was killed) stops this gateway.
process.on('disconnect', () => {
  gateway.dispose().finally(() => process.exit(0));
});
