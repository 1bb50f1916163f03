import { BatchSubmitOutcome } from '@loyalty/contracts';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { ClientScopeGuard, RequireScope } from '../auth/client-scope.guard';
import { ApiEnvelopeResponse, ok } from '../http/envelope';
import { BatchOperationsClient } from './batch-operations.client';
import { BatchProgressDto, BatchProgressQueryDto, BatchReplyDto, BatchRequestDto } from './batch-operations.dto';
import { readBatchRequest } from './batch-request';

/** HTTP status of each kind of reply; the body is the seed's reply in every case. */
const STATUS_BY_OUTCOME: Record<BatchSubmitOutcome, HttpStatus> = {
  [BatchSubmitOutcome.Accepted]: HttpStatus.OK,
  [BatchSubmitOutcome.Repeated]: HttpStatus.OK,
  [BatchSubmitOutcome.Rejected]: HttpStatus.UNPROCESSABLE_ENTITY,
  [BatchSubmitOutcome.Conflict]: HttpStatus.CONFLICT,
};

/**
 * Batch balance operations (SPEC §3.6, seed 001 "API для пакетного изменения балансов"), System
 * API, scope admin. The submit answers the seed's own reply model `{requestId, type, status,
 * message}` without the envelope — it is the protocol of a separate Loymax service that
 * integrators already speak; the progress query is ours and uses the envelope.
 */
@ApiTags('System: batch operations')
@ApiBearerAuth()
@UseGuards(ClientScopeGuard)
@RequireScope('admin')
@Controller('api/v1/batch-operations')
export class BatchOperationsController {
  constructor(private readonly batches: BatchOperationsClient) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accrue (types 2, 4) or take back (types 3, 5) bonuses for many members in one request',
    description:
      'The whole request is validated first; any bad item rejects it all (status 1, the message names the items by their index in accrue). ' +
      'Once validated and stored it is answered with status 0 and applied asynchronously: follow it with GET /api/v1/batch-operations/{requestId}. ' +
      'A repeated requestId with the same body gets the original reply and changes nothing. ' +
      'The body is the seed’s reply, not the envelope; errors before the request reaches the batch service (400, 401, 403, 413, 503, 504) use the envelope.',
  })
  @ApiBody({ type: BatchRequestDto })
  @ApiOkResponse({ type: BatchReplyDto, description: 'status 0: accepted now, or the original reply of a repeated request' })
  @ApiUnprocessableEntityResponse({ type: BatchReplyDto, description: 'status 1: rejected, nothing applied; the message names the bad items' })
  @ApiConflictResponse({ type: BatchReplyDto, description: 'status 1: the requestId was already used with a different body' })
  async submit(@Body() body: unknown, @Res({ passthrough: true }) response: Response): Promise<BatchReplyDto> {
    const { header, items } = readBatchRequest(body);
    const { reply, outcome } = await this.batches.submit(header, items);
    response.status(STATUS_BY_OUTCOME[outcome]);
    return reply;
  }

  @Get(':requestId')
  @ApiOperation({ summary: 'Progress of an accepted batch: state, counts and the items processing refused' })
  @ApiEnvelopeResponse(BatchProgressDto)
  async progress(@Param('requestId') requestId: string, @Query() query: BatchProgressQueryDto) {
    return ok(await this.batches.progress(requestId, query.errorsFrom, query.errorsCount));
  }
}
