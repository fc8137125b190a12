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
    return super.transform(value, metadata);
  }
}

/** Validates a plain body against a DTO outside the pipe chain (guards run before pipes). */
export async function validateBody<T extends object>(dto: new () => T, body: unknown): Promise<T> {
  if (!isPlainObject(body)) {
    throw new ValidationFailedError([{ field: 'body', problems: ['the body must be a JSON object'] }]);
  }
  const instance = plainToInstance(dto, body);
  const errors = await validate(instance, VALIDATOR_OPTIONS);
  if (errors.length > 0) throw validationFailed(errors);
  return instance;
}
