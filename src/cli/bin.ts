/** The `hoplite` command's entry: runs main() with this process's arguments and streams. */

// Hoplite's own DynamoDB calls use the AWS SDK, whose Node 20 deprecation notice is noise here. Set before
// anything loads the SDK, hence the dynamic imports below.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { main } = await import('./main.ts');
const { processIo } = await import('./io.ts');
process.exitCode = await main(process.argv.slice(2), processIo);
