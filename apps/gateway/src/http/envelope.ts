import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, getSchemaPath } from '@nestjs/swagger';

export type ResultState = 'Success' | 'Error' | 'ValidationError' | 'Fail';

export interface FieldValidationError {
  /** Dotted path of the offending field, e.g. `address.city` or `items.0.amount`. */
  field: string;
  errorMessages: string[];
}

export interface ApiResult {
  state: ResultState;
  message: string | null;
  validationErrors: FieldValidationError[] | null;
}

/** The body of every gateway response except the partner APIs (SPEC §3.0). */
export interface ApiEnvelope<T> {
  data: T;
  result: ApiResult;
}

/** A successful answer; controllers return `ok(data)`. */
export function ok<T>(data: T): ApiEnvelope<T> {
  return { data, result: { state: 'Success', message: null, validationErrors: null } };
}

export function failure(
  state: Exclude<ResultState, 'Success'>,
  message: string,
  options: { data?: unknown; validationErrors?: FieldValidationError[] | null } = {},
): ApiEnvelope<unknown> {
  return { data: options.data ?? null, result: { state, message, validationErrors: options.validationErrors ?? null } };
}

// OpenAPI shapes of the envelope. They mirror the interfaces above.

export class FieldValidationErrorDto implements FieldValidationError {
  @ApiProperty({ example: 'address.city' })
  field: string;

  @ApiProperty({ type: [String], example: ['city should not be empty'] })
  errorMessages: string[];
}

export class ApiResultDto implements ApiResult {
  @ApiProperty({ enum: ['Success', 'Error', 'ValidationError', 'Fail'] })
  state: ResultState;

  @ApiProperty({ type: String, nullable: true })
  message: string | null;

  @ApiProperty({ type: [FieldValidationErrorDto], nullable: true })
  validationErrors: FieldValidationErrorDto[] | null;
}

/** Documents a 200 answer as `{ data: <model>, result }`. */
export function ApiEnvelopeResponse(model: Type<unknown>, options: { isArray?: boolean; description?: string } = {}): MethodDecorator & ClassDecorator {
  const data = options.isArray ? { type: 'array', items: { $ref: getSchemaPath(model) } } : { $ref: getSchemaPath(model) };
  return applyDecorators(
    ApiExtraModels(model, ApiResultDto),
    ApiOkResponse({
      description: options.description,
      schema: { type: 'object', required: ['data', 'result'], properties: { data, result: { $ref: getSchemaPath(ApiResultDto) } } },
    }),
  );
}
