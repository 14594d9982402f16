import { z } from 'zod';
import { ApiError } from '../../api/session';
import { DISPLAY_ROLE } from '../../roles';
import type { ApiRoute } from './route-registry';

type JsonSchema = Record<string, unknown>;
type OpenApiDocument = Record<string, unknown>;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'invalid request; `issues` lists every problem as `path: message`',
  401: 'missing, unknown or expired bearer token',
  403: 'the session’s role may not do this',
  404: 'not found',
  429: 'too many attempts; see Retry-After',
};

/** OpenAPI 3.1 generated from the routes' zod schemas (JSON Schema 2020-12, as 3.1 uses). */
export function buildOpenApiDocument(
  routes: readonly ApiRoute[],
  info: { title: string; version: string },
): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operationOf(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      ...info,
      description: 'HTTP API of the Galley edge. Generated from the schemas that validate requests.',
    },
    paths,
    components: {
      schemas: { ApiError: schemaOf(ApiError, 'output') },
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'token from POST /api/session, or a paired display credential (role display)',
        },
      },
    },
  };
}

function operationOf(route: ApiRoute): Record<string, unknown> {
  const parameters = [
    ...parametersOf(route.schemas.params, 'path'),
    ...parametersOf(route.schemas.querystring, 'query'),
  ];
  const operation: Record<string, unknown> = {
    operationId: `${route.method.toLowerCase()}${route.url.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: route.summary,
    tags: route.tags,
    responses: responsesOf(route),
  };
  if (route.description) operation.description = route.description;
  if (parameters.length > 0) operation.parameters = parameters;
  if (route.schemas.body) {
    operation.requestBody = {
      required: true,
      content: { 'application/json': { schema: schemaOf(route.schemas.body, 'input') } },
    };
  }
  // Board data is readable without a token too (an unpaired display), so its bearer is optional.
  operation.security =
    route.access === 'public'
      ? []
      : route.access.includes(DISPLAY_ROLE)
        ? [{}, { bearer: [] }]
        : [{ bearer: [] }];
  if (route.access !== 'public') operation['x-roles'] = route.access;
  return operation;
}

function responsesOf(route: ApiRoute): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  const mediaType = route.contentType.split(';')[0] ?? route.contentType;
  responses[String(route.status)] =
    route.status === 204
      ? { description: 'no content' }
      : {
          description: 'success',
          content: { [mediaType]: { schema: schemaOf(route.schemas.response, 'output') } },
        };
  const errorStatuses = new Set(route.errors);
  if (route.schemas.params || route.schemas.querystring || route.schemas.body) errorStatuses.add(400);
  if (route.access !== 'public') {
    errorStatuses.add(401);
    errorStatuses.add(403);
  }
  const errorSchema = { $ref: '#/components/schemas/ApiError' };
  for (const status of [...errorStatuses].sort((a, b) => a - b)) {
    responses[String(status)] = {
      description: ERROR_DESCRIPTIONS[status] ?? 'error',
      content: { 'application/json': { schema: errorSchema } },
    };
  }
  return responses;
}

function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const json = schemaOf(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const parameter: Record<string, unknown> = {
      name,
      in: location,
      required: location === 'path' || required.has(name),
      schema: property,
    };
    if (typeof property.description === 'string') parameter.description = property.description;
    return parameter;
  });
}

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete json.$schema;
  return json;
}
