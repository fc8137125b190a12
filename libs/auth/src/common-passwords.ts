import { dictionary } from '@zxcvbn-ts/language-common';
import { registerDecorator, type ValidationOptions } from 'class-validator';

export const MIN_PASSWORD_LENGTH = 10;

/**
 * The passwords people pick most (zxcvbn-ts' list of ~49,000, from real leaks), lower-cased. Only
 * those long enough to pass the length rule need to be kept: about 1,600 of them.
 */
const COMMON = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()).filter((p) => p.length >= MIN_PASSWORD_LENGTH));

/** Case-insensitive, and around surrounding spaces: "Password123 " is as guessable as "password123". */
export function isCommonPassword(password: string): boolean {
  return COMMON.has(password.trim().toLowerCase());
}

/** A password an attacker would not try first: not all whitespace, not on the common list. */
export function IsUncommonPassword(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isUncommonPassword',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || (value.trim().length > 0 && !isCommonPassword(value)),
        defaultMessage: (args) =>
          typeof args?.value === 'string' && args.value.trim().length === 0
            ? 'password must not be only spaces'
            : 'password is one of the most common passwords, which are tried first when guessing; choose another',
      },
    });
}
