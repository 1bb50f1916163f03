import { RpcFault } from '@loyalty/messaging';
import { HttpStatus } from '@nestjs/common';
import { ApiError, RateLimitedError, RequestValidationError } from './api-errors';
import { apiErrorForRpcFault } from './rpc-faults';

function answer(fault: RpcFault): { status: number; state: string; message: string; data: unknown; headers: Record<string, string> } {
  const error = apiErrorForRpcFault(fault) as ApiError;
  return { status: error.getStatus(), state: error.state, message: error.message, data: error.data, headers: error.headers };
}

describe('RPC fault → HTTP mapping', () => {
  it('turns a business code into 422 with the code and the details as data', () => {
    expect(answer(new RpcFault('QuestionnaireInvalid', 'Анкета заполнена с ошибками.', { errors: [{ idQuestion: '7', errors: ['x'] }] }))).toEqual({
      status: HttpStatus.UNPROCESSABLE_ENTITY,
      state: 'Error',
      message: 'Анкета заполнена с ошибками.',
      data: { code: 'QuestionnaireInvalid', errors: [{ idQuestion: '7', errors: ['x'] }] },
      headers: {},
    });
    expect(answer(new RpcFault('SomethingNew', 'Новое правило.')).status).toBe(HttpStatus.UNPROCESSABLE_ENTITY);
  });

  it('answers 401 for a superseded session and wrong credentials', () => {
    expect(answer(new RpcFault('SessionSuperseded', 'Токен недействителен.'))).toMatchObject({ status: 401, headers: { 'WWW-Authenticate': 'Bearer' } });
    expect(answer(new RpcFault('InvalidCredentials', 'Неверный пароль.')).status).toBe(401);
  });

  it('answers 404 for a card addressed by id that is unknown or another member’s, 409 for a taken group title', () => {
    expect(answer(new RpcFault('UnknownCard', 'Карта 5 не найдена.'))).toMatchObject({ status: 404, state: 'Error', data: null });
    expect(answer(new RpcFault('LoyaltyGroupTitleTaken', 'Группа уже есть.'))).toMatchObject({ status: 409, data: { code: 'LoyaltyGroupTitleTaken' } });
    expect(answer(new RpcFault('CardStateConflict', 'Нельзя.')).status).toBe(422);
  });

  it('answers 429 with Retry-After for code resends', () => {
    const error = apiErrorForRpcFault(new RpcFault('ConfirmCodeResendTooEarly', 'Повторная отправка кода возможна через 42 с.', { retryAfterSeconds: 42 }));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error?.headers).toEqual({ 'Retry-After': '42' });
    expect(error?.message).toBe('Повторная отправка кода возможна через 42 с.');
  });

  it('answers 503 when a service depends on another that is down, 504 for a timeout reply', () => {
    expect(answer(new RpcFault('CardsUnavailable', 'Сервис карт недоступен.')).status).toBe(503);
    expect(answer(new RpcFault('Timeout', 'RPC x got no reply')).status).toBe(504);
  });

  it('turns a service-side validation failure into validationErrors', () => {
    const error = apiErrorForRpcFault(new RpcFault('ValidationFailed', 'Invalid request', ['login: login must be 6-32 digits', 'answers.0.id: must be an integer']));
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).validationErrors).toEqual([
      { field: 'login', errorMessages: ['login must be 6-32 digits'] },
      { field: 'answers.0.id', errorMessages: ['must be an integer'] },
    ]);
  });

  it('leaves internal errors to the unexpected-error path (500 with an error id)', () => {
    expect(apiErrorForRpcFault(new RpcFault('InternalError', 'Internal error 0123'))).toBeNull();
  });

  it('answers a reused processing operationId 409 and lets a caller shape the data', () => {
    const details = { code: 'NotUniqueOperationID', errorMessage: 'Операция уже выполнена с другими данными.', operationId: 'op-1' };
    expect(answer(new RpcFault('NotUniqueOperationID', 'Операция уже выполнена с другими данными.', details))).toMatchObject({
      status: HttpStatus.CONFLICT,
      state: 'Error',
      data: { ...details, code: 'NotUniqueOperationID' },
    });
    const shaped = apiErrorForRpcFault(new RpcFault('NotEnoughMoney', 'Недостаточно бонусов', { code: 'NotEnoughMoney' }), { data: (fault) => [fault.details] });
    expect({ status: shaped?.getStatus(), data: shaped?.data }).toEqual({ status: HttpStatus.UNPROCESSABLE_ENTITY, data: [{ code: 'NotEnoughMoney' }] });
  });
});
