import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import middy from '@middy/core';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { observed } from '#shared/observability/observed.ts';
import { secretValue } from '#shared/privacy/lookup-key-secret.ts';
import { sqsNumberRequests } from '#shared/queue/number-requests.ts';
import { registryEventSchema } from '#shared/schemas/registry-events.ts';
import { dependencies, provide } from '#shared/services/dependencies.ts';
import { dynamoDbPersonChanges } from '#shared/store/person-change-store.ts';
import { dynamoDbRegistry } from '#shared/store/registry-store.ts';
import { applyRegistryEvent } from '#shared/services/registry/registry-events.ts';

// Looks people up by hashed identifiers, asks for a newborn's number (infra/functions.ts: lookupKey,
// sendsTo), changes a person's details as the person's own changes do, and records each event.
provide({ numberRequests: sqsNumberRequests, secret: secretValue, personChanges: dynamoDbPersonChanges, registry: dynamoDbRegistry });

const processor = new BatchProcessor(EventType.SQS);

/**
 * A failed record is reported alone (batchItemFailures) and delivered again after the visibility
 * timeout: an event that names nobody yet, or an error. A message that is not a registry event
 * fails every delivery and ends in the DLQ, whose alarm pages the operator: it is never dropped.
 */
async function processRecord(record: SQSRecord): Promise<void> {
  const event = registryEventSchema.parse(JSON.parse(record.body));
  await applyRegistryEvent(dependencies(), event, { receiveCount: Number(record.attributes.ApproximateReceiveCount ?? 1) });
}

export const handler = middy<SQSEvent>()
  .use(observed('registry/apply-registry-events'))
  .handler(async (event, context) => processPartialResponse(event, processRecord, processor, { context, throwOnFullBatchFailure: false }));
