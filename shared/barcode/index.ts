/**
 * The policy barcode's payload: writing the register's own (type 02, signed with Ed25519), reading
 * types 01 and 02, and checking who signed one. Depends on node:crypto only, so that a clinic's
 * app can check a barcode offline.
 */
export { BarcodeError, type BarcodeErrorCode, type NamePart } from './barcode-error.ts';
export { barcodeName, joinedName, MAX_NAME_LENGTH, type BarcodeName, type NameAdjustment, type NameAdjustmentKind, type PersonName } from './barcode-name.ts';
export { decodePolicyPayload, holderMatches, policyPayloadBody, signedPolicyPayload, type DecodedPayload, type PayloadHolder } from './policy-payload.ts';
export { checkSignature, signPayload, PAYLOAD_LENGTH, type SignatureCheck, type SigningKey, type VerifyingKey } from './payload-signature.ts';
export { payloadBytes } from './payload-text.ts';
