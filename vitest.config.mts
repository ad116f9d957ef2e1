import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 90_000,
    env: {
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      // The functions' EMF lines; the tests of metrics turn them back on.
      POWERTOOLS_METRICS_DISABLED: 'true',
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      // The SDK's notice that it will need Node 22 in 2027 (Lambda runs 24), once per test file.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    benchmark: { include: ['test/bench/**/*.bench.ts'] },
  },
});
