import { randomUUID } from 'node:crypto';
import { getMetadataStorage } from 'class-validator';
import { MESSAGE_METADATA } from '@nestjs/websockets/constants.js';

/** The part of JSON Schema (as @nestjs/swagger writes it) the fuzz suite reads. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  minimum?: number;
  minLength?: number;
  minItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: { in: string; name: string; schema?: Schema }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
}

export interface RouteShape {
  method: string;
  /** e.g. /api/v1/leagues/{id}/auctions */
  path: string;
  pathParams: string[];
  query: { name: string; schema: Schema }[];
  body?: Schema;
}

/** Every operation the OpenAPI document lists, so a new route is fuzzed without touching the suite. */
export function routesOf(doc: OpenApiDocument): RouteShape[] {
  const routes: RouteShape[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const parameters = operation.parameters ?? [];
      const body = operation.requestBody?.content?.['application/json']?.schema;
      routes.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? { type: 'string' } })),
        body: body ? resolve(doc, body) : undefined,
      });
    }
  }
  return routes;
}

export function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.split('/').at(-1)!;
  const found = doc.components?.schemas?.[name];
  if (!found) throw new Error(`OpenAPI schema ${schema.$ref} is missing`);
  return resolve(doc, found);
}

/** Leaves a property out of a base value (e.g. `amount` when `upTo` is given). */
export const OMIT = Symbol('omit');

/** Values the suite knows better than a schema can (a real league id, a fresh email…), by property name. */
export type Hints = (property: string) => unknown;

/**
 * A plausible value for a schema: its example, default or enum, or the least its bounds allow.
 * An object gets all its properties at the top and only the required ones below (nested rules
 * such as a roster's quotas are only consistent at their defaults).
 */
export function baseValue(doc: OpenApiDocument, schema: Schema, hints: Hints, property = '', depth = 0): unknown {
  const hinted = property ? hints(property) : undefined;
  if (hinted !== undefined) return hinted;
  const s = resolve(doc, schema);
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (s.enum?.length) return s.enum[0];
  if (s.properties) {
    const required = new Set(s.required ?? []);
    return Object.fromEntries(
      Object.entries(s.properties)
        .filter(([name]) => depth === 0 || required.has(name))
        .map(([name, child]) => [name, baseValue(doc, child, hints, name, depth + 1)])
        .filter(([, value]) => value !== OMIT),
    );
  }
  switch (s.type) {
    case 'string':
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'date-time') return new Date().toISOString();
      return 'x'.repeat(Math.max(s.minLength ?? 0, 3));
    case 'number':
    case 'integer':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: s.minItems ?? 1 }, () => baseValue(doc, s.items ?? { type: 'string' }, hints, '', depth + 1));
    default:
      return 'x';
  }
}

/** Every property path of an object schema, nested objects included ([['auction'], ['auction','minIncrement'], …]). */
export function propertyPaths(doc: OpenApiDocument, schema: Schema, prefix: string[] = []): string[][] {
  const s = resolve(doc, schema);
  return Object.entries(s.properties ?? {}).flatMap(([name, child]) => {
    const path = [...prefix, name];
    const resolved = resolve(doc, child);
    return resolved.properties ? [path, ...propertyPaths(doc, resolved, path)] : [path];
  });
}

/** The object paths of a schema where an extra key can go (the root and every nested object). */
export function objectPaths(doc: OpenApiDocument, schema: Schema): string[][] {
  return [[], ...propertyPaths(doc, schema).filter((path) => resolve(doc, propertyAt(doc, schema, path)).properties)];
}

function propertyAt(doc: OpenApiDocument, schema: Schema, path: string[]): Schema {
  return path.reduce((s, key) => resolve(doc, s).properties![key]!, schema);
}

const VALIDATOR_TYPES: Record<string, Schema> = {
  isUuid: { type: 'string', format: 'uuid' },
  isInt: { type: 'integer' },
  isString: { type: 'string' },
};

/**
 * The Socket.IO messages a gateway subscribes to, with the schema of each payload read from the
 * class-validator rules of the DTO its @MessageBody() is typed with.
 */
export function gatewayMessages(gateway: abstract new (...args: never[]) => object): { event: string; schema: Schema }[] {
  const prototype = gateway.prototype as Record<string, unknown>;
  const messages: { event: string; schema: Schema }[] = [];
  for (const name of Object.getOwnPropertyNames(prototype)) {
    const method = prototype[name];
    const event = typeof method === 'function' ? (Reflect.getMetadata(MESSAGE_METADATA, method) as string | undefined) : undefined;
    if (!event) continue;
    const types = (Reflect.getMetadata('design:paramtypes', prototype, name) ?? []) as unknown[];
    const dto = types.find(
      (t): t is new () => object =>
        typeof t === 'function' && t !== Object && getMetadataStorage().getTargetValidationMetadatas(t, '', true, false).length > 0,
    );
    messages.push({ event, schema: dto ? schemaOfDto(dto) : { type: 'object', properties: {} } });
  }
  return messages;
}

function schemaOfDto(dto: new () => object): Schema {
  const properties: Record<string, Schema> = {};
  const optional = new Set<string>();
  for (const rule of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
    properties[rule.propertyName] ??= {};
    if (rule.type === 'conditionalValidation') optional.add(rule.propertyName);
    const known = rule.name ? VALIDATOR_TYPES[rule.name] : undefined;
    if (known) Object.assign(properties[rule.propertyName]!, known);
  }
  return { type: 'object', properties, required: Object.keys(properties).filter((p) => !optional.has(p)) };
}
