import { createDocument } from 'zod-openapi';
import { routes } from '../config/routes.ts';
import { operations } from './operations.ts';

/** The OpenAPI 3.1 document, built from the route declarations and their operations' zod schemas. */
export function openApiDocument(serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operation = {
      operationId: route.operationId,
      ...operations[route.operationId],
      ...(route.roles === 'public' ? { security: [] } : { 'x-roles': route.roles }),
    };
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'ОМС e-policy register',
      version: '0.1.0',
      description: 'Register of compulsory medical insurance e-policies. Errors are application/problem+json (RFC 9457).',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'An ID token of the register\'s issuer; its groups are the roles (x-roles names those each operation allows).',
        },
      },
    },
    security: [{ bearer: [] }],
    paths,
  });
}
