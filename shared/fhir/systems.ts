/**
 * The identifier and code systems the register's FHIR resources use. Where HL7 FHIR Russia's core
 * guide (RuCore) publishes a NamingSystem, its URI; where nobody publishes one, a URN in the
 * register's own namespace (like the problem types, `urn:oms-register:problem:`), so that no
 * value pretends to be an official code it is not.
 */
export const SYSTEMS = {
  /** ЕНП: RuCore's NamingSystem core-ns-rf-oms, on the Coverage and on the Patient. */
  enp: 'https://fhir.ru/ig/core/systems/oms',
  /** ОГРН of an insurer: RuCore's NamingSystem core-ns-rf-ogrn. */
  ogrn: 'https://fhir.ru/ig/core/systems/ogrn',
  /** An identity document's "series number": RuCore's NamingSystem core-ns-rf-identity-document. */
  identityDocument: 'https://fhir.ru/ig/core/systems/identity-document',
  /**
   * The document's type, in the codes of the ОМС classifier F011 that the register uses (14
   * passport, 3 birth certificate, ...). RuCore types documents by the Ministry of Health's
   * classifier instead, whose codes differ and which the register does not map.
   */
  documentType: 'urn:oms-register:F011',
  /** The register's insurer id, when the catalogue gives no ОГРН. */
  insurer: 'urn:oms-register:insurer',
  /** A check's id (a ULID): the answer's identifier, and the request's when it came without one. */
  verification: 'urn:oms-register:verification',
  /** The policy form: В, П, Э or К (Rules of ОМС). */
  policyForm: 'urn:oms-register:policy-form',
  /** The register's stable problem codes, e.g. `policy-not-found`. */
  problem: 'urn:oms-register:problem',
  /** HL7's extension for a value that is required but not known. */
  dataAbsentReason: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason',
} as const;
