/**
 * The register's one table, declared once: the CDK stack and the local runner both build it from
 * this. Keys and what lives under them: `shared/store/keys.ts`.
 */
export const REGISTER_TABLE = {
  logicalName: 'register',
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  globalIndexes: [
    {
      /** "Work due": sparse; only records waiting for a job carry its keys. */
      indexName: 'gsi1',
      partitionKey: 'gsi1pk',
      sortKey: 'gsi1sk',
    },
  ],
} as const;
