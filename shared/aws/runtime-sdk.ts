import { createRequire } from 'node:module';

/**
 * The AWS SDK the Lambda runtime ships (outside every bundle), loaded through Node's CommonJS
 * loader. This folder is the one place the register's code takes SDK values from (types are
 * imported from the packages as usual; `eslint.config.mjs` refuses value imports elsewhere).
 *
 * Why not `import`: the runtime's SDK is CommonJS only. An ES module importing it makes Node lex
 * each package's source for its export names and wrap it in a module of its own, on top of loading
 * it: with the DynamoDB client and the DocumentClient that was a quarter to a third of a read
 * function's cold import by the clock, nearly half in CPU time (README, "Cold start"). `require` loads the same files into the same module cache, so a
 * test that imports a class to mock it gets this very class. In Lambda it finds the SDK through
 * NODE_PATH (`/var/runtime/node_modules`); locally, through the project's node_modules.
 */
export const runtimeSdk = createRequire(import.meta.url);

/** The SQS client's package, loaded on the first send (few functions send). */
export const sqsSdk = (): typeof import('@aws-sdk/client-sqs') => runtimeSdk('@aws-sdk/client-sqs');

/** The Secrets Manager client's package, loaded on the first read of a secret. */
export const secretsManagerSdk = (): typeof import('@aws-sdk/client-secrets-manager') => runtimeSdk('@aws-sdk/client-secrets-manager');
