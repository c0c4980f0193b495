import type { RulesetDefinition } from '@stoplight/spectral-core';
import { casing, or, pattern, schema, truthy } from '@stoplight/spectral-functions';
import { oas } from '@stoplight/spectral-rulesets';

/**
 * The testable rules of the NL API Design Rules 2.1 (Logius), as a Spectral ruleset, so the check
 * runs offline in the test suite. Each rule names the ADR rule it checks. With network access the
 * published ruleset can be run as well: `npm run lint:openapi:official` (see README).
 */
const SUCCESS = /^[23]\d\d$/;

export const nlgovAdrRuleset: RulesetDefinition = {
  // Start from the OpenAPI rules with everything off, and switch on those the ADR relies on.
  extends: [[oas as RulesetDefinition, 'off']],
  rules: {
    // /core/publish-openapi: the document is a valid OpenAPI 3 document.
    'oas3-schema': 'error',
    'operation-operationId-unique': 'error',
    'path-params': 'error',
    'openapi-tags-uniqueness': 'error',
    'oas3-valid-media-example': 'error',
    'oas3-valid-schema-example': 'error',
    'oas3-server-variables': 'error',
    'oas3-api-servers': 'error',
    // /core/no-trailing-slash
    'path-keys-no-trailing-slash': 'error',

    'adr:doc-openapi': {
      description: '/core/doc-openapi: document the API with OpenAPI 3',
      severity: 'error',
      given: '$',
      then: { field: 'openapi', function: pattern, functionOptions: { match: '^3\\.\\d+(\\.\\d+)?$' } },
    },
    'adr:version-header': {
      description: '/core/version-header: every success response declares the API-Version header',
      severity: 'error',
      given: '$.paths.*.*.responses',
      then: {
        function: (responses: Record<string, { headers?: Record<string, unknown> }>) =>
          Object.entries(responses ?? {})
            .filter(([code]) => SUCCESS.test(code))
            .filter(([, r]) => !Object.keys(r?.headers ?? {}).some((h) => h.toLowerCase() === 'api-version'))
            .map(([code]) => ({ message: `Response ${code} does not declare the API-Version header.`, path: [code] })),
      },
    },
    'adr:uri-version': {
      description: '/core/uri-version: the major version is in the server URL',
      severity: 'error',
      given: '$.servers[*]',
      then: { field: 'url', function: pattern, functionOptions: { match: '/v\\d+' } },
    },
    'adr:doc-openapi-contact': {
      description: '/core/doc-openapi-contact: info.contact with name, url and email',
      severity: 'error',
      given: '$.info',
      then: [
        { field: 'contact', function: truthy },
        {
          field: 'contact',
          function: schema,
          functionOptions: { schema: { type: 'object', required: ['name', 'url', 'email'] } },
        },
      ],
    },
    'adr:http-methods': {
      description: '/core/http-methods: only standard HTTP methods',
      severity: 'error',
      given: '$.paths.*',
      then: {
        function: (pathItem: Record<string, unknown>) =>
          Object.keys(pathItem ?? {})
            .filter(
              (k) =>
                ![
                  'get',
                  'put',
                  'post',
                  'delete',
                  'patch',
                  'head',
                  'options',
                  'parameters',
                  'summary',
                  'description',
                  'servers',
                ].includes(k),
            )
            .map((k) => ({ message: `'${k}' is not a standard HTTP method.` })),
      },
    },
    'adr:path-segments-kebab-case': {
      description: '/core/path-segments-kebab-case',
      severity: 'error',
      given: '$.paths',
      then: {
        field: '@key',
        function: pattern,
        functionOptions: { match: '^(/|(/([a-z0-9-]+|\\{[^}]+\\}|openapi\\.json))+)$' },
      },
    },
    'adr:query-keys-camel-case': {
      description: '/core/query-keys-camel-case',
      severity: 'error',
      given: "$.paths.*.*.parameters[?(@.in == 'query')]",
      then: { field: 'name', function: pattern, functionOptions: { match: '^[a-z][a-zA-Z0-9]*$' } },
    },
    'adr:schema-names-pascal-case': {
      description: 'Schema names are UpperCamelCase',
      severity: 'warn',
      given: '$.components.schemas[*]~',
      then: { function: casing, functionOptions: { type: 'pascal' } },
    },
    'adr:servers-use-https': {
      description: '/core/transport/tls: absolute server URLs use https',
      severity: 'warn',
      given: '$.servers[*]',
      then: { field: 'url', function: pattern, functionOptions: { notMatch: '^http://' } },
    },
    'adr:problem-details': {
      description: '/core/error-handling/problem-details: error responses are RFC 9457 problem documents',
      severity: 'error',
      given: '$.paths.*.*.responses[?(@property.match(/^[45]/))]',
      then: [
        { field: 'content', function: truthy },
        {
          field: 'content',
          function: schema,
          functionOptions: {
            schema: { anyOf: [{ required: ['application/problem+json'] }, { required: ['application/problem+xml'] }] },
          },
        },
      ],
    },
    'adr:problem-members': {
      description: '/core/error-handling/problem-details: status, title and detail are in the problem schema',
      severity: 'error',
      given: "$.paths.*.*.responses[?(@property.match(/^[45]/))].content['application/problem+json'].schema",
      then: {
        field: 'properties',
        function: schema,
        functionOptions: { schema: { type: 'object', required: ['status', 'title', 'detail'] } },
      },
    },
    'adr:invalid-input': {
      description: '/core/error-handling/invalid-input: operations that take input can answer 400',
      severity: 'error',
      given: '$.paths.*[post,put,patch]',
      then: {
        field: 'responses',
        function: schema,
        functionOptions: { schema: { type: 'object', required: ['400'] } },
      },
    },
    'adr:invalid-input-parameters': {
      description: '/core/error-handling/invalid-input: GET and DELETE with parameters can answer 400',
      severity: 'error',
      given: '$.paths.*[get,delete]',
      then: {
        function: (op: any) =>
          Array.isArray(op?.parameters) && op.parameters.length > 0 && !op.responses?.['400']
            ? [{ message: 'An operation with parameters must declare a 400 response.' }]
            : [],
      },
    },
    'adr:date-format': {
      description: '/core/date-time: properties named like a date use format date, never date-time',
      severity: 'error',
      given: '$..properties[?(@property.match(/(^date$|^datum$|[a-z]Date$|[a-z]Datum$)/))]',
      then: { field: 'format', function: pattern, functionOptions: { match: '^date$' } },
    },
    'adr:no-local-date-time': {
      description: '/core/date-time/timezone: date-times carry a time zone',
      severity: 'error',
      given: '$..properties[*].format',
      then: { function: pattern, functionOptions: { notMatch: '^date-time-local$' } },
    },
    'adr:semver': {
      description: '/core/semver: info.version is a semantic version',
      severity: 'error',
      given: '$.info.version',
      then: {
        function: pattern,
        functionOptions: { match: '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$' },
      },
    },
  },
};
