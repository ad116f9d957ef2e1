import { httpHandler } from '#shared/http/http-handler.ts';
import { json } from '#shared/http/responses.ts';
import { complaintCounts } from '#shared/services/complaints/complaint-lists.ts';
import { dependencies } from '#shared/services/dependencies.ts';

export const handler = httpHandler('getComplaintCounts', async () => json(200, await complaintCounts(dependencies())));
