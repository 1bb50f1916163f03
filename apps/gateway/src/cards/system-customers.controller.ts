import { MergeMembersReply, RegistrationRpc } from '@loyalty/contracts';
import { Body, Controller, HttpCode, Injectable, Param, PipeTransform, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { ClientScopeGuard, RequireScope } from '../auth/client-scope.guard';
import type { AuthenticatedRequest } from '../auth/authenticated-member';
import { RequestValidationError } from '../http/api-errors';
import { ApiEnvelopeResponse, ok } from '../http/envelope';
import { ServiceRpc } from '../rpc/service-rpc';

const MAX_ID = 2_147_483_647;

export class MergeCustomersDto {
  @ApiProperty({ description: 'The member merged away: its cards and balance move, it is closed', example: 125 })
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  fromCustomerId: number;
}

export class MergeCustomersResult {
  @ApiProperty({ description: 'The member that receives the cards and the balance' }) toCustomerId: number;
  @ApiProperty({ description: 'The member that was closed' }) fromCustomerId: number;
}

/** `{toCustomerId}` of the URL: a positive 32-bit integer, else 400 with the envelope's validationErrors. */
@Injectable()
export class CustomerIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const id = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(id) || id < 1 || id > MAX_ID) {
      throw new RequestValidationError([{ field: 'toCustomerId', errorMessages: ['toCustomerId must be a positive integer'] }]);
    }
    return id;
  }
}

/** System API for members (scope admin): merge (SPEC §3.3). */
@ApiTags('System: customers')
@ApiBearerAuth()
@UseGuards(ClientScopeGuard)
@RequireScope('admin')
@Controller('api/v1/system/customers')
export class SystemCustomersController {
  constructor(private readonly rpc: ServiceRpc) {}

  @Post(':toCustomerId/merge')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Merge member fromCustomerId into toCustomerId: from is closed at once (no login, its tokens die) and customer.profile.merge is published; ' +
      'its cards (one customer.card.link AttachCard each) and its balance follow within moments. 404 unknown member, 422 same, closed or unregistered member',
  })
  @ApiEnvelopeResponse(MergeCustomersResult)
  async merge(@Req() request: AuthenticatedRequest, @Param('toCustomerId', CustomerIdPipe) toCustomerId: number, @Body() body: MergeCustomersDto) {
    return ok(
      await this.rpc.call<MergeMembersReply>(RegistrationRpc.MergeMembers, {
        toCustomerId,
        fromCustomerId: body.fromCustomerId,
        applicationId: request.oauthClient?.client.applicationId ?? null,
      }),
    );
  }
}
