import { httpHandler } from '#shared/http/http-handler.ts';
import { parseJsonBody, pathParameter } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { complaintChangeSchema } from '#shared/schemas/complaints/complaint-requests.ts';
import { recordId } from '#shared/schemas/identifiers.ts';
import { changeComplaint } from '#shared/services/complaints/change-complaint.ts';
import { dependencies, provide } from '#shared/services/dependencies.ts';
import { dynamoDbComplaints } from '#shared/store/complaint-store.ts';

// The complaints' store: only the complaint functions carry it.
provide({ complaints: dynamoDbComplaints });

export const handler = httpHandler('changeComplaint', async (event, caller) => {
  const personId = pathParameter(event, 'personId', recordId, 'The person');
  const complaintId = pathParameter(event, 'complaintId', recordId, 'The complaint');
  const action = parseJsonBody(event, complaintChangeSchema);
  return json(200, await changeComplaint(dependencies(), caller, personId, complaintId, action));
});
