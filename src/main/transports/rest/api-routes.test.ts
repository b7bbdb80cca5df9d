import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { emsCommandSchema } from '../../../shared/commands';
import { contractTable, TOKEN_ROTATE_PATH } from '../../../shared/contract';
import { commandRoutes, readRoutes } from './api-routes';
import { buildOpenApiDocument } from './openapi';
import { securityOf } from './openapi-security';

/** The REST routes are the contract's: checked here, so a new command cannot miss its route. */

describe('routes and the contract', () => {
  it('every command of the contract has exactly one POST route', () => {
    const types = emsCommandSchema.options.map((o) => o.shape.type.value);
    expect(commandRoutes.map((r) => r.command).sort()).toEqual([...types].sort());
  });

  it('every operating read of the contract has a GET route', () => {
    // The commissioning tools (console, discovery, sessions, CAN monitor) are WebSocket/IPC requests.
    const reads = ['getSnapshot', 'getHistory', 'getFaultLog'].filter((m) => m in contractTable);
    expect(readRoutes.map((r) => r.request).sort()).toEqual(reads.sort());
  });

  it("each body is the command's schema without type (and source, which is a header)", () => {
    for (const route of commandRoutes) {
      const command = emsCommandSchema.options.find((o) => o.shape.type.value === route.command);
      const expected = Object.keys(command?.shape ?? {}).filter(
        (k) => k !== 'type' && k !== 'source',
      );
      expect(Object.keys(route.body.shape).sort()).toEqual(expected.sort());
      // Strict: an unknown field is refused.
      expect(route.body.safeParse({ unknownField: 1 }).success).toBe(false);
    }
  });

  it('the external setpoint body keeps the contract rules (finite watts, positive ttl)', () => {
    const body = commandRoutes.find((r) => r.command === 'setExternalSetpoint')?.body ?? z.never();
    expect(body.safeParse({ watts: -1500, ttlSeconds: 10 }).success).toBe(true);
    expect(body.safeParse({ watts: Number.POSITIVE_INFINITY }).success).toBe(false);
    expect(body.safeParse({ watts: 1, ttlSeconds: 0 }).success).toBe(false);
    expect(body.safeParse({ watts: 1, source: 'x' }).success).toBe(false);
  });
});

describe('the OpenAPI document', () => {
  const doc = buildOpenApiDocument('http://127.0.0.1:8420', '1.0.0') as {
    openapi: string;
    paths: Record<string, Record<string, { security?: unknown; requestBody?: unknown }>>;
  };
  it('is OpenAPI 3.1 and lists every route, the rotation and the WebSocket', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const r of readRoutes) expect(doc.paths[r.url]?.['get']).toBeDefined();
    for (const r of commandRoutes) expect(doc.paths[r.url]?.['post']).toBeDefined();
    expect(doc.paths[TOKEN_ROTATE_PATH]?.['post']).toBeDefined();
    expect(doc.paths['/ws']?.['get']).toBeDefined();
  });

  it("states each operation's security from its request's access level in the contract table", () => {
    const either = [{ bearerAuth: [] }, { sessionCookie: [] }];
    // The open reads need nothing; writes need the token or a paired session.
    for (const r of readRoutes) {
      expect(contractTable[r.request].access).toBe('open');
      expect(doc.paths[r.url]?.['get']).toMatchObject({ security: [], 'x-ems-access': 'open' });
    }
    for (const r of commandRoutes)
      expect(doc.paths[r.url]?.['post']).toMatchObject({
        security: either,
        'x-ems-access': 'write',
      });
    expect(doc.paths[TOKEN_ROTATE_PATH]?.['post']?.security).toEqual(either);
    expect(securityOf('registerRead')).toEqual(either);
    expect(securityOf('getSnapshot')).toEqual([]);
    // Pairing itself, the document and the WebSocket upgrade are open.
    for (const [path, method] of [
      ['/api/pair', 'post'],
      ['/openapi.json', 'get'],
      ['/ws', 'get'],
    ] as const)
      expect(doc.paths[path]?.[method]?.security, path).toEqual([]);
    expect(
      (doc as unknown as { components: { securitySchemes: unknown } }).components.securitySchemes,
    ).toMatchObject({
      bearerAuth: { type: 'http', scheme: 'bearer' },
      sessionCookie: { type: 'apiKey', in: 'cookie', name: 'ems_session' },
    });
  });

  it('describes the bodies with the zod schemas (strict, with the finite-number rules)', () => {
    const op = doc.paths['/api/external-setpoint']?.['post'] as {
      requestBody: { content: { 'application/json': { schema: Record<string, unknown> } } };
    };
    expect(op.requestBody.content['application/json'].schema).toMatchObject({
      type: 'object',
      required: ['watts'],
      additionalProperties: false,
      properties: {
        watts: { type: 'number' },
        ttlSeconds: { type: 'number', exclusiveMinimum: 0 },
      },
    });
  });
});
