import { type ArgumentMetadata, Injectable, ValidationPipe, type ValidationError } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { type FieldProblem, ValidationFailedError } from '../errors/domain-error.js';
import { ALL_RULES, inputProblems } from '../input/input-rules.js';

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

const KEEPS_NUL = Symbol('fantamercato:keeps-nul');

/**
 * For DTOs whose text may be binary garbage by design (an article pasted from anywhere): NUL
 * characters in values are let through and the DTO strips them itself (never in keys).
 */
export function StripsNulCharacters(): ClassDecorator {
  return (target) => Reflect.defineMetadata(KEEPS_NUL, true, target);
}

/** The input rules (libs/core/src/input) for a value about to meet a DTO; NUL as the DTO allows. */
function refuseHostile(value: unknown, dto: unknown, rootName: string): void {
  // Already an instance of its DTO: validateBody built it (a guard validating before the pipe) and applied these rules.
  if (typeof dto === 'function' && value instanceof dto) return;
  const keepsNul = typeof dto === 'function' && Reflect.getMetadata(KEEPS_NUL, dto) === true;
  const problems = inputProblems(value, keepsNul ? { ...ALL_RULES, nulCharacters: 'allow' } : ALL_RULES, rootName);
  if (problems.length > 0) throw new ValidationFailedError(problems);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const CHECKED: Record<string, string | undefined> = { body: 'body', query: 'query', param: 'param' };

/**
 * The global pipe, for HTTP bodies, query strings and path parameters — and Socket.IO payloads,
 * which Nest passes to it as `body` (WsParamtype.PAYLOAD and RouteParamtypes.BODY are both 3):
 * the input rules first, then whitelist + forbidNonWhitelisted + transform. Answers VALIDATION_FAILED
 * naming each field, and refuses a body that is not an object (an array, a string, null).
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
    const rootName = CHECKED[metadata.type];
    if (rootName) refuseHostile(value, metadata.metatype, metadata.type === 'param' ? (metadata.data ?? rootName) : rootName);
    return super.transform(value, metadata);
  }
}

/** Validates a plain body against a DTO outside the pipe chain (guards run before pipes). */
export async function validateBody<T extends object>(dto: new () => T, body: unknown): Promise<T> {
  if (!isPlainObject(body)) {
    throw new ValidationFailedError([{ field: 'body', problems: ['the body must be a JSON object'] }]);
  }
  refuseHostile(body, dto, 'body');
  const instance = plainToInstance(dto, body);
  const errors = await validate(instance, VALIDATOR_OPTIONS);
  if (errors.length > 0) throw validationFailed(errors);
  return instance;
}
