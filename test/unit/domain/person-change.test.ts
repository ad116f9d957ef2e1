import { describe, expect, it } from 'vitest';
import { decidePersonChange, type PersonChange, type PersonChangeDecision } from '#shared/domain/person-changes/person-change.ts';
import { Problem } from '#shared/domain/problem.ts';
import type { PersonRecord, PolicyRecord } from '#shared/store/records.ts';

const today = '2026-11-23';
const person: PersonRecord = {
  personId: 'P',
  category: 'citizen',
  region: '77',
  lastName: 'Иванова',
  firstName: 'Мария',
  middleName: 'Петровна',
  birthDate: '1990-05-14',
  sex: 'female',
  snils: '11223344595',
  documents: [{ type: 14, series: '4512', number: '123456', issuedOn: '2010-06-01' }],
  contact: { phone: '+79990001122' },
  insurerId: 'reso-med',
  coverageEnd: null,
  enp: '7751999122899990',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 4,
};
const policy: PolicyRecord = {
  policyId: 'E',
  personId: 'P',
  form: 'Э',
  status: 'active',
  validFrom: '2026-02-01',
  validTo: null,
  insurerId: 'reso-med',
  region: '77',
  applicationId: 'A',
  issuedAt: '2026-02-01T09:00:00Z',
};
const marriage = { kind: 'marriage' as const, series: 'II-МЮ', number: '654321', issuedOn: '2026-10-10' };

const decide = (change: PersonChange, source: 'person' | 'office' | 'registry' = 'person', p = person, pol: PolicyRecord | undefined = policy) =>
  decidePersonChange(p, pol, change, source, today);
const decided = (change: PersonChange, source: 'person' | 'office' | 'registry' = 'person') => decide(change, source) as PersonChangeDecision;
function refusal(f: () => unknown) {
  try {
    f();
  } catch (e) {
    if (e instanceof Problem) return { status: e.status, code: e.code, pointers: e.errors.map((x) => `${x.pointer}:${x.code}`) };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('a change of the person\'s own details', () => {
  it('a new surname with its marriage certificate: П061 naming the field, never the value; the basis kept; the ЕНП stays', () => {
    const d = decided({ lastName: 'Смирнова', nameBasis: marriage });
    expect(d.person).toMatchObject({ lastName: 'Смирнова', nameBasis: marriage, enp: person.enp, version: 4 });
    expect(d.changed).toEqual(['lastName']);
    expect(d.events).toEqual([{ kind: 'identity_changed', registerCode: 'П061', changes: { lastName: {} } }]);
    expect(JSON.stringify(d.events)).not.toContain('Смирнова');
    expect(d.document).toBeUndefined();
  });

  it('a change of name needs the document that proves it, in its masks, unless the civil registry makes it', () => {
    expect(refusal(() => decide({ lastName: 'Смирнова' }))).toMatchObject({ status: 422, pointers: ['/nameChangeBasis:required'] });
    expect(refusal(() => decide({ firstName: 'Марина' }, 'office'))).toMatchObject({ status: 422, pointers: ['/nameChangeBasis:required'] });
    expect(refusal(() => decide({ lastName: 'Смирнова', nameBasis: { ...marriage, series: '12', number: '1', issuedOn: '2026-12-01' } }))).toMatchObject({
      pointers: ['/nameChangeBasis/series:document-series-format', '/nameChangeBasis/number:document-number-format', '/nameChangeBasis/issuedOn:not-in-past'],
    });
    const byRegistry = decided({ lastName: 'Смирнова' }, 'registry');
    expect(byRegistry.person.nameBasis).toBeUndefined();
    // A later change by the registry drops a basis that proved the earlier name.
    const after = decide({ lastName: 'Кузнецова' }, 'registry', { ...person, nameBasis: marriage }) as PersonChangeDecision;
    expect(after.person.nameBasis).toBeUndefined();
  });

  it('a name in another script than its documents, or mixed, is refused', () => {
    expect(refusal(() => decide({ lastName: 'Smirnova', nameBasis: marriage }))).toMatchObject({ pointers: ['/lastName:name-script'] });
    expect(refusal(() => decide({ lastName: 'Смирнoва', nameBasis: marriage }))).toMatchObject({ pointers: ['/lastName:name-mixed-script'] });
  });

  it('a passport replaced at 20 or 45: the old one\'s lookup moves to the new one, an R061 entry says "documents: 14"', () => {
    const d = decided({ document: { type: 14, series: '45 20', number: '654321', issuedOn: '2026-11-20' } });
    expect(d.person.documents).toEqual([{ type: 14, series: '4520', number: '654321', issuedOn: '2026-11-20' }]);
    expect(d.document).toEqual({ from: person.documents[0], to: { type: 14, series: '4520', number: '654321', issuedOn: '2026-11-20' } });
    expect(d.events).toEqual([{ kind: 'details_changed', registerCode: 'R061', changes: { documents: { to: '14' } } }]);
  });

  it('a document of a type the person holds none of is added (a child\'s first passport); the same document re-dated moves no lookup', () => {
    const added = decided({ document: { type: 13, number: 'A1' } });
    expect(added.person.documents).toHaveLength(2);
    expect(added.document).toEqual({ to: { type: 13, number: 'A1' } });
    const redated = decided({ document: { type: 14, series: '4512', number: '123456', issuedOn: '2010-06-02' } });
    expect(redated.changed).toEqual(['documents']);
    expect(redated.document).toBeUndefined();
  });

  it('document masks and dates are checked, with pointers', () => {
    expect(refusal(() => decide({ document: { type: 14, series: '45', number: '12', issuedOn: '2027-01-01' } }))).toMatchObject({
      status: 422,
      pointers: ['/document/series:document-series-format', '/document/number:document-number-format', '/document/issuedOn:not-in-past'],
    });
  });

  it('birth date, sex and SNILS: an office or the registry, never the person alone', () => {
    expect(refusal(() => decide({ birthDate: '1990-05-15', sex: 'male', snils: '34293244776' }))).toEqual({
      status: 403,
      code: 'office-only',
      pointers: ['/birthDate:office-only', '/sex:office-only', '/snils:office-only'],
    });
    const d = decided({ birthDate: '1990-05-15', snils: '34293244776' }, 'office');
    expect(d.events).toEqual([
      { kind: 'identity_changed', registerCode: 'П061', changes: { birthDate: {} } },
      { kind: 'details_changed', registerCode: 'R061', changes: { snils: {} } },
    ]);
    expect(d.snils).toEqual({ from: '11223344595', to: '34293244776' });
    expect(refusal(() => decide({ birthDate: '2026-11-24' }, 'office'))).toMatchObject({ pointers: ['/birthDate:birth-date-in-future'] });
  });

  it('contacts merge (null removes one); an address is replaced whole or removed', () => {
    const d = decided({ contact: { email: 'm@example.ru' }, address: { region: '77', locality: 'Москва', street: 'Тверская', house: '1' } });
    expect(d.person.contact).toEqual({ phone: '+79990001122', email: 'm@example.ru' });
    expect(d.changed).toEqual(['address', 'contact']);
    expect(d.events).toEqual([{ kind: 'details_changed', registerCode: 'R061', changes: { address: {}, contact: {} } }]);
    expect(decided({ contact: { phone: null } }).person.contact).toBeUndefined();
    expect(decided({ contact: null }).person).not.toHaveProperty('contact');
    const withAddress = { ...person, address: { region: '77', locality: 'Москва' } };
    expect((decide({ address: null }, 'person', withAddress) as PersonChangeDecision).person).not.toHaveProperty('address');
  });

  it('a change that changes nothing is no change (nothing to write): a repeated request, a redelivered event', () => {
    expect(decide({ lastName: 'Иванова', contact: { phone: '+79990001122' }, document: { ...person.documents[0]! } })).toBe('no-change');
    expect(decide({ middleName: 'Петровна', nameBasis: marriage })).toBe('no-change');
    expect(decide({ lastName: 'Смирнова' }, 'registry', { ...person, lastName: 'Смирнова' })).toBe('no-change');
  });

  it('removing the patronymic is a change of name; `coverageEnd: null` stays null', () => {
    const d = decided({ middleName: null, nameBasis: { kind: 'court-decision', number: '2-1234/2026', issuedOn: '2026-09-01' } });
    expect(d.person).not.toHaveProperty('middleName');
    expect(d.person.coverageEnd).toBeNull();
    expect(d.events[0]!.changes).toEqual({ middleName: {} });
  });

  it('a terminated policy (death) closes the record: nothing changes, not even by the registry', () => {
    const dead = { ...policy, status: 'terminated' as const, termination: { reason: 'death' as const, on: '2026-11-01' } };
    expect(refusal(() => decide({ contact: null }, 'office', person, dead))).toMatchObject({ status: 409, code: 'policy-terminated' });
    expect(refusal(() => decide({ lastName: 'Смирнова' }, 'registry', person, dead))).toMatchObject({ status: 409, code: 'policy-terminated' });
    // A suspended policy does not stop a change of address.
    expect(decide({ address: { region: '77', locality: 'Москва' } }, 'person', person, { ...policy, status: 'suspended' })).not.toBe('no-change');
  });
});
