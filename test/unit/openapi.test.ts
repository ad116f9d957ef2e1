import { describe, expect, it } from 'vitest';
import { routes } from '#shared/config/routes.ts';
import { openApiDocument } from '#shared/openapi/document.ts';
import { applicationRequestSchema } from '#shared/schemas/application-request.ts';
import { exampleApplication } from '#shared/schemas/examples.ts';
import { handler as getDocument } from '#functions/openapi/get-document.ts';
import { context, httpEvent } from '../support/events.ts';

describe('OpenAPI document', () => {
  const doc = openApiDocument('https://api.example.org');

  it('is OpenAPI 3.1 with exactly the declared routes', () => {
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths ?? {}).flatMap(([path, item]) => Object.keys(item as object).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('requires a bearer token and names the roles of every operation but the public ones', () => {
    expect(doc.components!.securitySchemes!.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(doc.security).toEqual([{ bearer: [] }]);
    for (const route of routes) {
      const op = (doc.paths![route.path] as Record<string, { security?: unknown[]; 'x-roles'?: string[] }>)[route.method.toLowerCase()]!;
      if (route.roles === 'public') expect(op.security, route.path).toEqual([]);
      else expect(op['x-roles'], route.path).toEqual(route.roles);
    }
  });

  it('documents every path parameter of every route', () => {
    for (const route of routes) {
      const op = (doc.paths![route.path] as Record<string, { parameters?: { in: string; name: string }[] }>)[route.method.toLowerCase()]!;
      const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect((op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name).sort(), route.path).toEqual(params.sort());
    }
  });

  it('describes errors as problem+json and the application body from the zod schema', () => {
    const post = (doc.paths!['/applications'] as Record<string, any>).post; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(Object.keys(post.responses['422'].content)).toEqual(['application/problem+json']);
    expect(post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/ApplicationRequest');
    const schema = doc.components!.schemas!.ApplicationRequest as { required: string[]; additionalProperties: boolean };
    expect(schema.required).toEqual(expect.arrayContaining(['channel', 'region', 'category', 'person', 'documents']));
    expect(schema.additionalProperties).toBe(false);
  });

  it('carries an example that the schema itself accepts', () => {
    expect(applicationRequestSchema.safeParse(exampleApplication).success).toBe(true);
    const example = (doc.components!.schemas!.ApplicationRequest as { example?: unknown }).example;
    expect(applicationRequestSchema.safeParse(example).success).toBe(true);
  });

  it('names as its server where each request reached the API, never the first caller\'s host, and http only when the gateway says so', async () => {
    const served = async (domainName: string, headers: Record<string, string> = {}) => {
      const event = httpEvent({ path: '/openapi.json', headers });
      const result = await getDocument({ ...event, requestContext: { ...event.requestContext, domainName } }, context);
      expect(result.statusCode).toBe(200);
      return { servers: (JSON.parse(result.body!) as { servers: unknown }).servers, vary: result.headers?.vary };
    };
    // One warm function, three requests: the document is built once, its server is not.
    expect(await served('127.0.0.1:3906', { 'x-forwarded-proto': 'http' })).toEqual({ servers: [{ url: 'http://127.0.0.1:3906' }], vary: 'host' });
    expect(await served('api.example.org')).toEqual({ servers: [{ url: 'https://api.example.org' }], vary: 'host' });
    expect(await served('register.example.net', { 'x-forwarded-proto': 'https' })).toEqual({ servers: [{ url: 'https://register.example.net' }], vary: 'host' });
  });
});
