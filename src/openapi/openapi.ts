import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

export const API_PREFIX = 'api/v1';
/** Set by @Public() on an operation; turned into `security: []` here. */
export const PUBLIC_EXTENSION = 'x-werkkans-public';
/** Semver of the API contract, sent in every response's API-Version header (ADR /core/version-header). */
export const API_VERSION = '1.0.0';

type Json = Record<string, any>;

const PROBLEM_SCHEMA: Json = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri', example: 'https://werkkans.example.nl/problems/invalid-input' },
    title: { type: 'string', example: 'Invalid input' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string', example: 'One or more fields are invalid.' },
    instance: { type: 'string', example: '/api/v1/lks-calculations' },
    requestId: { type: 'string' },
    invalidParams: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'reason'],
        properties: {
          name: { type: 'string', example: 'hoursPerWeek' },
          reason: { type: 'string', example: 'must not be greater than 40' },
        },
      },
    },
  },
};

const STATUS_DESCRIPTIONS: Record<string, string> = {
  '400': 'Invalid input: malformed JSON, wrong types, unknown fields or invalid values (invalidParams names each field).',
  '401': 'No valid bearer token.',
  '403': 'The role of the caller does not allow this.',
  '404': 'Not found, or not visible to the caller.',
  '409': 'Conflicts with the current state.',
  '413': 'The request body is too large.',
  '422': 'Well-formed, but a business rule forbids it.',
  '500': 'Unexpected error.',
};

/**
 * Nest generates paths, parameters and bodies from the code; this adds what every operation has in
 * common, so the document tells the truth without repeating decorators on each route: the
 * API-Version header on success, problem+json error responses, bearer security.
 */
export function applyApiConventions(doc: OpenAPIObject): OpenAPIObject {
  doc.components ??= {};
  doc.components.schemas ??= {};
  doc.components.schemas.Problem = PROBLEM_SCHEMA;
  doc.components.headers = {
    ...(doc.components.headers ?? {}),
    'API-Version': {
      description: 'The full semver version of the API that answered.',
      schema: { type: 'string', example: API_VERSION },
    },
  };
  const problemResponse = (code: string) => ({
    description: STATUS_DESCRIPTIONS[code] ?? 'Error',
    headers: { 'API-Version': { $ref: '#/components/headers/API-Version' } },
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  });

  for (const [path, pathItem] of Object.entries(doc.paths) as Array<[string, Json]>) {
    for (const [method, op] of Object.entries(pathItem) as Array<[string, Json]>) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      op.responses ??= {};
      for (const [code, response] of Object.entries(op.responses) as Array<[string, Json]>) {
        if (/^[23]/.test(code)) {
          response.headers = { ...(response.headers ?? {}), 'API-Version': { $ref: '#/components/headers/API-Version' } };
        } else if (/^[45]/.test(code)) {
          op.responses[code] = { ...problemResponse(code), description: response.description ?? STATUS_DESCRIPTIONS[code] };
        }
      }
      const isPublic = op[PUBLIC_EXTENSION] === true;
      delete op[PUBLIC_EXTENSION];
      if (isPublic) op.security = [];
      const codes = ['400', '500'];
      if (!isPublic) codes.push('401', '403');
      if (/\{[^}]+\}/.test(path)) codes.push('404');
      if (['post', 'put', 'patch'].includes(method)) codes.push('413', '422');
      for (const code of codes) op.responses[code] ??= problemResponse(code);
    }
  }
  return doc;
}

export function buildOpenApiDocument(app: INestApplication, serverUrl = `/${API_PREFIX}`): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Werkkans API')
    .setDescription(
      'Wage-cost subsidies (loonkostensubsidie, Participatiewet art. 10d) and retraining of people on social ' +
        'assistance, for employers, education partners and the municipality. Errors are RFC 9457 problem+json.',
    )
    .setVersion(API_VERSION)
    .setContact('Werkkans team, Gemeente', 'https://werkkans.example.nl', 'werkkans@example.nl')
    .addServer(serverUrl, 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addSecurityRequirements('bearer')
    .build();
  const doc = SwaggerModule.createDocument(app, config, { ignoreGlobalPrefix: true });
  return applyApiConventions(doc);
}
