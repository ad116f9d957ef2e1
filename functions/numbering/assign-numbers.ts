import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import { logger } from '#shared/observability/logger.ts';
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
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event, context) => processPartialResponse(event, processRecord, processor, { context, throwOnFullBatchFailure: false }));
