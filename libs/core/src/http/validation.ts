import { type ArgumentMetadata, Injectable, ValidationPipe, type ValidationError } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { type FieldProblem, ValidationFailedError } from '../errors/domain-error.js';

const VALIDATOR_OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own: FieldProblem[] = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

export function validationFailed(errors: ValidationError[]): ValidationFailedError {
  return new ValidationFailedError(flatten(errors));
}

/** PostgreSQL text cannot hold U+0000: a string with one is refused here rather than failing in SQL. */
function nulFields(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path || 'body'] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => nulFields(item, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => nulFields(item, path ? `${path}.${key}` : key));
  }
  return [];
}

const KEEPS_NUL = Symbol('fantamercato:keeps-nul');

/**
 * For DTOs whose text may be binary garbage by design (an article pasted from anywhere): the NUL
 * check is skipped and the DTO strips NUL characters itself.
 */
export function StripsNulCharacters(): ClassDecorator {
  return (target) => Reflect.defineMetadata(KEEPS_NUL, true, target);
}

function refuseNul(value: unknown): void {
  const fields = nulFields(value);
  if (fields.length > 0) throw new ValidationFailedError(fields.map((field) => ({ field, problems: [`${field} must not contain a NUL character`] })));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The global pipe: whitelist + forbidNonWhitelisted + transform, answers VALIDATION_FAILED
 * naming each field, and refuses a JSON body that is not an object (an array, a string, null).
 */
@Injectable()
export class AppValidationPipe extends ValidationPipe {
  constructor() {
    super({ ...VALIDATOR_OPTIONS, transform: true, exceptionFactory: validationFailed });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object && !isPlainObject(value)) {
      throw new ValidationFailedError([{ field: 'body', problems: ['the body must be a JSON object'] }]);
    }
    const keepsNul = metadata.metatype !== undefined && Reflect.getMetadata(KEEPS_NUL, metadata.metatype) === true;
    if ((metadata.type === 'body' || metadata.type === 'query') && !keepsNul) refuseNul(value);
    return super.transform(value, metadata);
  }
}

/** Validates a plain body against a DTO outside the pipe chain (guards run before pipes). */
export async function validateBody<T extends object>(dto: new () => T, body: unknown): Promise<T> {
  if (!isPlainObject(body)) {
    throw new ValidationFailedError([{ field: 'body', problems: ['the body must be a JSON object'] }]);
  }
  refuseNul(body);
  const instance = plainToInstance(dto, body);
  const errors = await validate(instance, VALIDATOR_OPTIONS);
  if (errors.length > 0) throw validationFailed(errors);
  return instance;
}
