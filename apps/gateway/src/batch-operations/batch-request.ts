import type { BatchItemInput } from '@loyalty/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { RequestValidationError } from '../http/api-errors';
import type { FieldValidationError } from '../http/envelope';
import { flattenValidationErrors } from '../http/validation';
import { BatchRequestHeaderDto } from './batch-operations.dto';

export interface BatchRequest {
  header: BatchRequestHeaderDto;
  items: BatchItemInput[];
}

/**
 * Splits a request body into its validated header and its items. The items are only checked to
 * be objects: running the DTO machinery over 100,000 of them would copy them all for nothing, and
 * their fields are the batch service's to judge (it names bad items in a `status: 1` reply).
 */
export function readBatchRequest(body: unknown): BatchRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new RequestValidationError([{ field: 'body', errorMessages: ['body must be a JSON object'] }]);
  }
  const { requestId, type, accrueDescription, currencyExternalId, lifeTimeDefinitionExternalId, accrue } = body as Record<string, unknown>;
  const header = plainToInstance(BatchRequestHeaderDto, { requestId, type, accrueDescription, currencyExternalId, lifeTimeDefinitionExternalId });
  const problems: FieldValidationError[] = flattenValidationErrors(validateSync(header, { whitelist: true, validationError: { target: false, value: false } }));
  if (!Array.isArray(accrue)) {
    problems.push({ field: 'accrue', errorMessages: ['accrue must be an array of items'] });
  } else if (accrue.length === 0) {
    problems.push({ field: 'accrue', errorMessages: ['accrue must contain at least 1 item'] });
  } else {
    const notObject = accrue.findIndex((item) => typeof item !== 'object' || item === null || Array.isArray(item));
    if (notObject >= 0) problems.push({ field: `accrue.${notObject}`, errorMessages: ['each item of accrue must be a JSON object'] });
  }
  if (problems.length > 0) throw new RequestValidationError(problems);
  return { header, items: accrue as BatchItemInput[] };
}
