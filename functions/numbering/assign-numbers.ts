import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import middy from '@middy/core';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import { observed } from '#shared/observability/observed.ts';
import { recordId } from '#shared/schemas/identifiers.ts';
import { dependencies } from '#shared/services/dependencies.ts';
import { assignNumber } from '#shared/services/numbering.ts';

const message = z.object({ applicationId: recordId });
const processor = new BatchProcessor(EventType.SQS);

/** A failed record is reported alone (batchItemFailures); after maxReceiveCount it goes to the DLQ. */
async function processRecord(record: SQSRecord): Promise<void> {
  const { applicationId } = message.parse(JSON.parse(record.body));
  await assignNumber(dependencies(), applicationId);
}

export const handler = middy<SQSEvent>()
  .use(observed('numbering/assign-numbers'))
  .handler(async (event, context) => processPartialResponse(event, processRecord, processor, { context, throwOnFullBatchFailure: false }));
