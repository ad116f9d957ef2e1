import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { handler as getApplication } from '#functions/applications/get-application.ts';
import { handler as submitApplication } from '#functions/applications/submit-application.ts';
import { handler as getOpenApiDocument } from '#functions/openapi/get-document.ts';
import { handler as getSigningKeys } from '#functions/signing/get-jwks.ts';
import { handler as getPolicyBarcode } from '#functions/barcodes/get-policy-barcode.ts';
import { handler as getPolicyExtract } from '#functions/extracts/get-extract.ts';
import { handler as getPersonAudit } from '#functions/persons/get-audit.ts';
import { handler as getPerson } from '#functions/persons/get-person.ts';
import { handler as changePerson } from '#functions/persons/change-person.ts';
import { handler as getPersonPolicy } from '#functions/persons/get-policy.ts';
import { handler as verifyPolicy } from '#functions/verifications/verify-policy.ts';
import { handler as getPersonAccount } from '#functions/persons/get-account.ts';
import { handler as getPersonHistory } from '#functions/persons/get-history.ts';
import { handler as changeRegion } from '#functions/persons/change-region.ts';
import { handler as suspendPolicy } from '#functions/policies/suspend-policy.ts';
import { handler as resumePolicy } from '#functions/policies/resume-policy.ts';
import { handler as terminatePolicy } from '#functions/policies/terminate-policy.ts';
import { handler as issuePin } from '#functions/pins/issue-pin.ts';
import { handler as showPin } from '#functions/pins/show-pin.ts';
import { handler as checkPin } from '#functions/pins/check-pin.ts';
import { handler as recordCareEvent } from '#functions/care/record-care-event.ts';
import { handler as recordCareEvents } from '#functions/care/record-care-events.ts';
import { handler as getPersonCareHistory } from '#functions/care/get-care-history.ts';
import { handler as chooseInsurer } from '#functions/choices/choose-insurer.ts';
import { handler as chooseClinic } from '#functions/choices/choose-clinic.ts';
import { handler as chooseDoctor } from '#functions/choices/choose-doctor.ts';
import { handler as getInsurers } from '#functions/catalogues/get-insurers.ts';
import { handler as putInsurers } from '#functions/catalogues/put-insurers.ts';
import { handler as getClinics } from '#functions/catalogues/get-clinics.ts';
import { handler as putClinics } from '#functions/catalogues/put-clinics.ts';
import { handler as getClinicDoctors } from '#functions/catalogues/get-doctors.ts';
import { handler as putClinicDoctors } from '#functions/catalogues/put-doctors.ts';
import { handler as getFreeCare } from '#functions/catalogues/get-free-care.ts';
import { handler as putFreeCare } from '#functions/catalogues/put-free-care.ts';
import { handler as getRegionalCare } from '#functions/catalogues/get-regional-care.ts';
import { handler as putRegionalCare } from '#functions/catalogues/put-regional-care.ts';
import { handler as getCalendarYear } from '#functions/calendar/get-year.ts';
import { handler as putCalendarYear } from '#functions/calendar/put-year.ts';
import { handler as getUnmatchedRegistryEvents } from '#functions/registry/get-unmatched.ts';
import { handler as resolveUnmatchedRegistryEvent } from '#functions/registry/resolve-unmatched.ts';
import { handler as fileComplaint } from '#functions/complaints/file-complaint.ts';
import { handler as listPersonComplaints } from '#functions/complaints/get-person-complaints.ts';
import { handler as changeComplaint } from '#functions/complaints/change-complaint.ts';
import { handler as listOpenComplaints } from '#functions/complaints/get-open-complaints.ts';
import { handler as getComplaintCounts } from '#functions/complaints/get-complaint-counts.ts';
import type { OperationId } from '#shared/config/routes.ts';
import type { HttpResult } from '#shared/http/responses.ts';

/** Every route's handler by operation id, for tests that drive handlers with payload 2.0 events. */
export const ROUTE_HANDLERS: Record<OperationId, (event: APIGatewayProxyEventV2, context: Context) => Promise<HttpResult>> = {
  submitApplication,
  getApplication,
  getPerson,
  changePerson,
  getPersonPolicy,
  getPersonAudit,
  getPersonAccount,
  getPersonHistory,
  suspendPolicy,
  resumePolicy,
  terminatePolicy,
  changeRegion,
  chooseInsurer,
  chooseClinic,
  chooseDoctor,
  issuePin,
  showPin,
  checkPin,
  recordCareEvent,
  recordCareEvents,
  getPersonCareHistory,
  verifyPolicy,
  getOpenApiDocument,
  getSigningKeys,
  getPolicyBarcode,
  getPolicyExtract,
  getInsurers,
  putInsurers,
  getClinics,
  putClinics,
  getClinicDoctors,
  putClinicDoctors,
  getFreeCare,
  putFreeCare,
  getRegionalCare,
  putRegionalCare,
  getCalendarYear,
  putCalendarYear,
  getUnmatchedRegistryEvents,
  resolveUnmatchedRegistryEvent,
  fileComplaint,
  listPersonComplaints,
  changeComplaint,
  listOpenComplaints,
  getComplaintCounts,
};
