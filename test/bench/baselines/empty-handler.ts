/** The floor of a cold start: a bundle that does nothing (the cold-start benchmark's first yardstick). */
export const handler = async () => ({ statusCode: 200, body: '' });
