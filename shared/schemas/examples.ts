import type { ApplicationRequest } from './application-request.ts';

/** A valid application: the OpenAPI example, the README's and `npm start`'s sample request. */
export const exampleApplication: ApplicationRequest = {
  channel: 'portal',
  region: '77',
  category: 'citizen',
  person: {
    lastName: 'Иванов',
    firstName: 'Иван',
    middleName: 'Иванович',
    birthDate: '1990-05-14',
    sex: 'male',
    snils: '112-233-445 95',
  },
  documents: [{ type: 14, series: '45 12', number: '123456', issuedOn: '2012-06-01' }],
};
