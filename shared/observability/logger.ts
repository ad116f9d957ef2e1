import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured JSON logger for every handler. Log ids and codes only: never names, SNILS,
 * documents or contacts (a test reads the logs of the whole flow to check).
 */
export const logger = new Logger({ serviceName: 'oms-register' });
