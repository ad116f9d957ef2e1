import type { ExtractFacts } from '#shared/extract/extract-pdf.ts';

/** An extract's facts as the register would give them for a Moscow e-policy: the tests' and the bench's one sample. */
export const sampleExtractFacts: ExtractFacts = {
  name: { lastName: 'Алпатова', firstName: 'Валентина', middleName: 'Александровна' },
  birthDate: '1999-08-09',
  sex: 'female',
  enp: '7851000840000199',
  form: 'Э',
  status: 'active',
  validFrom: '2026-01-15',
  validTo: null,
  insurer: { name: 'АО «Страховая компания «СОГАЗ-Мед»', phone: '8 800 100-07-02', site: 'https://sogaz-med.ru', address: '125047, г. Москва, ул. Гашека, д. 11, стр. 1, этаж 3, помещение I, комнаты 17-22' },
  region: { code: '77', name: 'г. Москва' },
  issuedOn: '2026-01-16',
  madeAt: '2026-03-02T21:30:00Z',
};
