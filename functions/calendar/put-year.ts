import { writtenAnswer } from '#shared/http/catalogue-answers.ts';
import { ifMatch } from '#shared/http/entity-tags.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { parseJsonBody, pathParameter } from '#shared/http/request.ts';
import { calendarYearSchema } from '#shared/schemas/calendar-year.ts';
import { calendarYear } from '#shared/schemas/catalogues/catalogue-queries.ts';
import { changeCatalogue } from '#shared/services/catalogues/catalogue-versions.ts';
import { dependencies } from '#shared/services/dependencies.ts';

/** A year of the production calendar, as the government's decree sets it: filing counts due days on it within a minute. */
export const handler = httpHandler('putCalendarYear', async (event, caller) => {
  const year = pathParameter(event, 'year', calendarYear, 'The year');
  const data = parseJsonBody(event, calendarYearSchema);
  return writtenAnswer(await changeCatalogue(dependencies(), caller, { kind: 'calendar', scope: String(year), data, precondition: ifMatch(event) }));
});
