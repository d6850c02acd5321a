#!/usr/bin/env node
// The hoplite command. Hoplite ships TypeScript sources; tsx loads them and the user's definition files.
import { register } from 'tsx/esm/api';

// Hoplite's own DynamoDB calls use the AWS SDK, whose Node 20 deprecation notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

register();
const { main } = await import('../src/cli/main.ts');
const { processIo } = await import('../src/cli/io.ts');
process.exitCode = await main(process.argv.slice(2), processIo);
