/** What the Lambda Node.js runtimes provide, so bundles leave it out. */

/**
 * The AWS SDK for JavaScript v3: nodejs18.x and later ship it (docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html,
 * "Runtime-included SDK versions"). `@smithy/*` is bundled rather than left out: the runtime holds only the
 * `@smithy` packages its own SDK clients use, and code that imports another one directly fails on Lambda with
 * `Cannot find package` (aws/aws-sdk-js-v3#6169 for `@smithy/node-http-handler`, aws/aws-cdk#33099 for
 * `@smithy/service-error-classification` on nodejs22.x). A bundled `@smithy` package works beside the runtime's SDK.
 */
export const RUNTIME_PROVIDED_PACKAGES = ['@aws-sdk/*'];

/** The Node.js version of the runtimes synthesis writes (`nodejs22.x`): the syntax esbuild may leave as it is. */
export const BUNDLE_TARGET = 'node22';
