import type { Measured } from './operations.ts';

/**
 * The register's expected national load, as yearly counts of each metered operation. Estimates
 * from rounded public figures (README.md#scale says where each comes from); change them here and
 * `npm run bench` prints the cost again.
 */
export const INSURED = 146_000_000;

export const YEARLY: Record<string, number> = {
  // ~3 million filings a year: first registrations of adults, foreign workers and residents, and
  // people leaving paper policies; a fifth of them repeated by a client retry with the same key.
  'file an application (citizen, Idempotency-Key)': 1_500_000,
  'file an application (MFC operator)': 1_500_000,
  'repeat a filing with its Idempotency-Key': 300_000,
  'file for someone already insured (refused)': 150_000,
  'read an application (operator)': 1_500_000,
  'read an application (its citizen)': 6_000_000,
  'read a person (operator)': 20_000_000,
  // Personal-account views and operators' reads of the policy.
  'read a policy (operator)': 120_000_000,
  'read the audit trail (fund administrator)': 1_000_000,
  // ~1.1 billion outpatient visits a year; half checked against the register at the reception
  // (500 M): half of those by a scanned barcode (below), a tenth asked in FHIR (below), the rest by
  // number or document, seven to three as before the barcode.
  'verify a policy by ЕНП (clinic)': 140_000_000,
  'verify a policy by passport (clinic)': 60_000_000,
  'verify an unknown ЕНП (a miss)': 5_000_000,
  'the OpenAPI document': 100_000,
  'assign a number (one application)': 3_000_000,
  // Every 5 minutes: 105,120 runs a year, nearly all with nothing due.
  'sweep for stalled applications (none due)': 105_120,
  'sweep for stalled applications (one due)': 30_000,
  // The personal account: most of the policy reads above come through it from now on.
  'read the personal account (its citizen)': 60_000_000,
  'read the history (operator)': 2_000_000,
  // Military service (~0.5 M a year called up, as many back), long stays abroad.
  'suspend a policy (its citizen)': 600_000,
  'resume a policy (operator)': 300_000,
  // ~1.8 M deaths a year, and those who lose the right to insurance.
  'terminate a policy (operator)': 1_900_000,
  // Moves between regions (internal migration, ~4 M a year).
  'move to another region (its citizen)': 4_000_000,
  // Hourly: 8,760 runs a year; the filings of a year converted once each.
  'convert temporary policies (none due)': 8_760,
  'convert a temporary policy (one due)': 3_000_000,
  'show the PIN once (its citizen)': 3_000_000,
  // Each data change of the next release is authorized with the PIN.
  'check a PIN (its citizen)': 10_000_000,
  'issue a new PIN (office)': 500_000,
  // Passports replaced at 20 and 45 (~3.5 M a year) and lost ones, addresses and contacts: most in
  // the personal account with the PIN; ~1 M marriages and divorces a year change a surname, most at
  // an office with the certificate.
  'change own details with the PIN: a new passport (its citizen)': 8_000_000,
  'change the surname after a marriage (operator)': 3_000_000,
  'apply policy deadlines (none due)': 8_760,
  // Suspensions that end by themselves, and bounded policies that expire.
  'apply a deadline (a suspension ends)': 1_000_000,
  // Changes of insurer at will (~5 M a year), clinic attachments and changes (~8 M), doctors (~6 M).
  'change the insurer at will (its citizen)': 5_000_000,
  'attach to a clinic (operator)': 8_000_000,
  'change the doctor, counted (operator)': 6_000_000,
  // Hourly; each person who used a limit cleared once a year (~15 M).
  'reset yearly counts (none due)': 8_760,
  'reset yearly counts (one due)': 15_000_000,
  // Hourly; a contract ending somewhere moves a few hundred thousand people a year.
  'reassign after contracts ended (none ended)': 8_760,
  'reassign one person after a contract ended': 300_000,
  // Catalogues, each read counted as if it reached the table: a function keeps a catalogue a
  // minute and answers may be cached as long, so these are ceilings. Front ends list the insurers
  // when someone applies or changes insurer (~7 M a year), clinics and doctors when someone chooses
  // (the choices of the next release), free care with the leaflet and on the portal.
  "read a region's insurers": 10_000_000,
  "read a region's clinics": 15_000_000,
  "read a clinic's doctors": 15_000_000,
  "read an old version of a region's insurers": 100_000,
  "read a region's free care": 5_000_000,
  "read a region's changes to free care": 10_000,
  'read a year of the production calendar': 10_000,
  // The fund's changes: each region's insurers and clinics monthly, each of ~20,000 clinics' doctors
  // monthly (Moscow's clinics at the size limit among them), the free-care lists and the calendar a
  // few times a year.
  "change a region's insurers (fund)": 1_000,
  "change a region's clinics (fund)": 1_000,
  "change a region's clinics at the size limit, 200 KiB (fund)": 12,
  "change a clinic's doctors (fund)": 240_000,
  'change the federal free care (fund)': 2,
  "change a region's free care (fund)": 200,
  'set a year of the production calendar (fund)': 2,
  // The barcode: ~150 M a year, nearly all phones fetching it again (the personal account shows it
  // and asks again with its ETag; a 304 costs the same reads and the same signature); operators and
  // insurers show or print a few million.
  'show the policy barcode (its citizen)': 145_000_000,
  'show the policy barcode, PDF417 PNG (operator)': 5_000_000,
  // Extracts: ~5 M a year, printed at an office or fetched for an employer or a clinic.
  'make the register extract (operator)': 5_000_000,
  // Half the 500 M verifications by a scanned barcode: the register's (phones, extracts) and still
  // many paper policies (type 01); an altered or misread barcode a rare miss (PDF417 corrects its
  // own misreads, so a refusal is nearly always a forgery).
  "verify by the register's barcode (clinic)": 150_000_000,
  "verify by a paper policy's barcode (clinic)": 100_000_000,
  'verify an altered barcode (refused)': 100_000,
  // A tenth of the verifications asked and answered in FHIR R4 (clinics' MIS that speak it).
  'verify a policy in FHIR (clinic)': 50_000_000,
  // The key set, for clinics' apps checking barcodes offline: counted as if every request reached
  // the table (it reaches it at most once per function instance and minute). ~20,000 clinics, each
  // app fetching it about once an hour of its ~10 reception hours on ~250 working days, and at once
  // for a key id it does not know: 50 M. Once a minute each would be 3 B, more than the route's
  // throttle (50 a second) lets through.
  'read the signing keys (JWKS)': 50_000_000,
  // Daily (365 runs a year); a key signs 90 days, so four of them rotate.
  'rotate the signing keys (none due)': 361,
  'rotate the signing keys (one due)': 4,
  // The civil registry: ~1.2 M births and ~1.8 M deaths a year (deaths here replace most of the
  // offices' terminations above), about as many changes of name or documents (marriages, passports
  // at 20 and 45) and new SNILS; one in a hundred delivered twice; a few thousand naming nobody.
  'register a birth (registry event)': 1_200_000,
  'register a death (registry event)': 1_800_000,
  'a repeated delivery of an event': 50_000,
  'keep an event that names nobody (registry event)': 5_000,
  'list the unmatched registry events (fund)': 20_000,
  'resolve an unmatched event: apply it to a person (fund)': 4_000,
  'dismiss an unmatched event (fund)': 1_000,
  // Care history: ~1.1 billion outpatient visits, ~30 M hospital stays and ~45 M ambulance calls a
  // year, each reported once by the insurer, nearly all in day files of 100 (~11.5 M files), a few
  // million one by one and a few repeated by a retry; read by the person now and then and by
  // insurers checking a case.
  "report a day's file of 100 care events (insurer), of 4 people": 11_500_000,
  'report a care event (insurer)': 25_000_000,
  'repeat a care event (insurer)': 2_000_000,
  'read the care history (its citizen)': 10_000_000,
  'read the care history (insurer)': 20_000_000,
  // Complaints to insurers: ~100,000 a year reach insurers as written complaints ("жалобы"; the
  // fund's yearly reports count tens of thousands), through the portal more each year: say 300,000,
  // one in ten retried with its key; each read by its person a few times, taken in hand and closed
  // once; the insurers' desks page through their worklists every few minutes of a working day.
  'file a complaint (its citizen, longest text)': 30_000,
  'file a complaint (its citizen, a few lines)': 270_000,
  'repeat a complaint with its Idempotency-Key': 30_000,
  "read a person's complaints (its citizen, 5)": 1_200_000,
  "an insurer's open complaints (a page of 20)": 2_000_000,
  'take a complaint in hand (insurer)': 300_000,
  'answer a complaint (insurer, longest answer)': 300_000,
  // The fund's dashboards, every few minutes.
  'complaint counts per insurer (fund administrator)': 200_000,
  // Hourly: 8,760 runs a year; a few percent of complaints overdue.
  'flag overdue complaints (none due)': 8_760,
  'flag an overdue complaint (one due)': 15_000,
};

/** On-demand prices in USD (us-east-1, 2025): per million request units, per GB-month stored. */
export const PRICES = { perMillionWrites: 0.625, perMillionReads: 0.125, perGbMonth: 0.25 };

export interface CostLine {
  name: string;
  perYear: number;
  writesPerMonth: number;
  readsPerMonth: number;
  usdPerMonth: number;
}

export function monthlyCost(measured: Measured[]): { lines: CostLine[]; total: number } {
  const lines = measured
    .filter((m) => YEARLY[m.operation.name] !== undefined)
    .map((m) => {
      const perYear = YEARLY[m.operation.name]!;
      const writesPerMonth = (m.units.writeUnits * perYear) / 12;
      const readsPerMonth = (m.units.readUnits * perYear) / 12;
      const usdPerMonth = (writesPerMonth * PRICES.perMillionWrites + readsPerMonth * PRICES.perMillionReads) / 1e6;
      return { name: m.operation.name, perYear, writesPerMonth, readsPerMonth, usdPerMonth };
    });
  return { lines, total: lines.reduce((s, l) => s + l.usdPerMonth, 0) };
}

const millions = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} M` : Math.round(n).toLocaleString('en'));

/** The README's monthly cost table. */
export function costTable(measured: Measured[]): string {
  const { lines, total } = monthlyCost(measured);
  return [
    '| operation | a year | WRU a month | RRU a month | USD a month |',
    '|---|---|---|---|---|',
    ...lines.map((l) => `| ${l.name} | ${millions(l.perYear)} | ${millions(l.writesPerMonth)} | ${millions(l.readsPerMonth)} | ${l.usdPerMonth.toFixed(2)} |`),
    `| **all request units** | | | | **${total.toFixed(2)}** |`,
  ].join('\n');
}
