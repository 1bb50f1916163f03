import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { RequestValidationError } from './api-errors';
import type { FieldValidationError } from './envelope';

/**
 * The one validation pipe of the gateway. Unknown fields are stripped silently (no mass
 * assignment, and clients sending extra fields keep working); DTO instances reach the handlers.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: false,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
  });
}

/** class-validator's error tree as a flat list keyed by dotted paths (`address.city`, `items.0.sku`). */
export function flattenValidationErrors(errors: ValidationError[], parentPath = ''): FieldValidationError[] {
  return errors.flatMap((error) => {
    const field = [parentPath, error.property].filter((part) => part !== '').join('.') || 'body';
    // Constraints are stored in reverse declaration order; present them as the DTO reads.
    const messages = Object.values(error.constraints ?? {}).reverse();
    const own = messages.length > 0 ? [{ field, errorMessages: messages }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field === 'body' ? '' : field)];
  });
}
