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
      projection: 'ALL',
    },
    {
      /**
       * "Insured by": every person, by insurer and region (sharded), keys only. The fund reassigns
       * the insured of an insurer whose contract in a region ended through it; an update that moves
       * no key costs nothing here.
       */
      indexName: 'gsi2',
      partitionKey: 'gsi2pk',
      sortKey: 'gsi2sk',
      projection: 'KEYS_ONLY',
    },
  ],
} as const;
