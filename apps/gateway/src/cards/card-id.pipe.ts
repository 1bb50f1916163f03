import { Injectable, PipeTransform } from '@nestjs/common';
import { RequestValidationError } from '../http/api-errors';

const MAX_CARD_ID = 2_147_483_647;

/** `{cardId}` of the URL: a positive 32-bit integer, else 400 with the envelope's validationErrors. */
@Injectable()
export class CardIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const id = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(id) || id < 1 || id > MAX_CARD_ID) {
      throw new RequestValidationError([{ field: 'cardId', errorMessages: ['cardId must be a positive integer'] }]);
    }
    return id;
  }
}
