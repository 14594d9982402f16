import { z } from 'zod';
import { ApiError } from '../../api/session';
import { type ApiRoute, PUBLIC, type PublicAccess } from './route-registry';

type JsonSchema = Record<string, unknown>;
type OpenApiDocument = Record<string, unknown>;

const DEFAULT_ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'invalid request; `issues` lists every problem as `path: message`',
  401: 'missing, unknown or expired bearer token',
  403: 'the session’s role may not do this',
  404: 'not found',
  429: 'too many attempts; see Retry-After',
};

/** How a process's access rule reads in the API description. */
export interface DescribedAccess {
  /** OpenAPI security requirements: a call passes with one of them (`{}` = no credential). */
  security: Record<string, string[]>[];
  /** Listed as `x-roles` on the operation. */
  roles?: readonly string[];
  /** The named permission the operation needs, listed as `x-permission`. */
  permission?: string;
}

export interface OpenApiOptions<Access> {
  title: string;
  version: string;
  description: string;
  /** The process's credentials, e.g. a bearer session and a store token. */
  securitySchemes: Record<string, Record<string, unknown>>;
  describeAccess(access: Access): DescribedAccess;
  /** What 401 and 403 mean in this process, and any other status worth saying more about. */
  errorDescriptions?: Record<number, string>;
}

/** OpenAPI 3.1 generated from the routes' zod schemas (JSON Schema 2020-12, as 3.1 uses). */
export function buildOpenApiDocument<Access>(
  routes: readonly ApiRoute<Access, unknown>[],
  options: OpenApiOptions<Access>,
): OpenApiDocument {
  const errorDescriptions = { ...DEFAULT_ERROR_DESCRIPTIONS, ...options.errorDescriptions };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operationOf(route, options, errorDescriptions);
  }
  return {
    openapi: '3.1.0',
    info: { title: options.title, version: options.version, description: options.description },
    paths,
    components: {
      schemas: { ApiError: schemaOf(ApiError, 'output') },
      securitySchemes: options.securitySchemes,
    },
  };
}

function isPublic<Access>(access: Access | PublicAccess): access is PublicAccess {
  return access === PUBLIC;
}

function operationOf<Access>(
  route: ApiRoute<Access, unknown>,
  options: OpenApiOptions<Access>,
  errorDescriptions: Record<number, string>,
): Record<string, unknown> {
  const parameters = [
    ...parametersOf(route.schemas.params, 'path'),
    ...parametersOf(route.schemas.querystring, 'query'),
  ];
  const operation: Record<string, unknown> = {
    operationId: `${route.method.toLowerCase()}${route.url.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: route.summary,
    tags: route.tags,
    responses: responsesOf(route, errorDescriptions),
  };
  if (route.description) operation.description = route.description;
  if (parameters.length > 0) operation.parameters = parameters;
  if (route.schemas.body) {
    operation.requestBody = {
      required: true,
      content: { 'application/json': { schema: schemaOf(route.schemas.body, 'input') } },
    };
  }
  const access = route.access;
  if (isPublic(access)) {
    operation.security = [];
  } else {
    const described = options.describeAccess(access);
    operation.security = described.security;
    if (described.roles) operation['x-roles'] = described.roles;
    if (described.permission) operation['x-permission'] = described.permission;
  }
  return operation;
}

function responsesOf<Access>(
  route: ApiRoute<Access, unknown>,
  errorDescriptions: Record<number, string>,
): Record<string, unknown> {
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
  if (!isPublic(route.access)) {
    errorStatuses.add(401);
    errorStatuses.add(403);
  }
  const errorSchema = { $ref: '#/components/schemas/ApiError' };
  for (const status of [...errorStatuses].sort((a, b) => a - b)) {
    responses[String(status)] = {
      description: errorDescriptions[status] ?? 'error',
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
