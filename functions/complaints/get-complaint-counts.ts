import { httpHandler } from '#shared/http/http-handler.ts';
import { json } from '#shared/http/responses.ts';
import { complaintCounts } from '#shared/services/complaints/complaint-lists.ts';
import { dependencies, provide } from '#shared/services/dependencies.ts';
import { dynamoDbComplaints } from '#shared/store/complaint-store.ts';

// The complaints' store: only the complaint functions carry it.
provide({ complaints: dynamoDbComplaints });

export const handler = httpHandler('getComplaintCounts', async () => json(200, await complaintCounts(dependencies())));
