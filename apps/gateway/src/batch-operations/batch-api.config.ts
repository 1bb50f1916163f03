/* eslint-disable @typescript-eslint/no-inferrable-types -- the annotation emits the design:type metadata loadConfig converts env strings with. */
import { Matches } from 'class-validator';

/**
 * The batch route's own setting, read with the same loader as GatewayConfig (validated at start-up:
 * a bad value stops the gateway naming the variable).
 */
export class BatchApiConfig {
  /**
   * Largest body of `POST /api/v1/batch-operations`. A 100,000-item request is about 20 MB of
   * JSON; every other route keeps HTTP_BODY_LIMIT.
   */
  @Matches(/^\d+(\.\d+)?\s*(b|kb|mb)$/i, { message: 'must be a size such as 512kb or 64mb' })
  BATCH_HTTP_BODY_LIMIT: string = '64mb';
}
