import { z } from 'zod';
import { buildOpenApiDocument, type OpenApiOptions } from './openapi';
import { type ApiRoute, routeDefiner } from './route-registry';

/** `GET /api/openapi.json`: the process's API described from its routes, built once on first ask. */
export function openApiRoute<Access, Auth>(
  allRoutes: () => readonly ApiRoute<Access, Auth>[],
  options: OpenApiOptions<Access>,
): ApiRoute<Access, Auth> {
  let document: Record<string, unknown> | undefined;
  return routeDefiner<Access, Auth>()({
    method: 'GET',
    url: '/api/openapi.json',
    summary: 'This API described as OpenAPI 3.1',
    tags: ['meta'],
    access: 'public',
    response: z.record(z.string(), z.unknown()),
    handler: () => {
      document ??= buildOpenApiDocument(allRoutes(), options);
      return document;
    },
  });
}
