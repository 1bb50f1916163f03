import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { OPERATIONAL_PATHS } from '@loyalty/runtime';
import { ApiResultDto, FieldValidationErrorDto } from './envelope';

export const OPENAPI_UI_PATH = 'api/docs';
export const OPENAPI_JSON_PATH = 'api/docs-json';

/** OpenAPI 3 document built from the controllers and DTOs: UI at /api/docs, JSON at /api/docs-json. */
export function setupOpenApi(app: INestApplication): void {
  const builder = new DocumentBuilder()
    .setTitle('Loyalty platform API')
    .setDescription(
      'Public HTTP API of the loyalty platform. Every answer is wrapped in `{ data, result }`; ' +
        'see `ApiResultDto` for `result`. Send `x-correlation-id` to trace a request across services.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, builder, { extraModels: [ApiResultDto, FieldValidationErrorDto] });
  // Probes and scrapes are for the platform, not for API clients.
  for (const path of OPERATIONAL_PATHS) delete document.paths[`/${path}`];
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, { jsonDocumentUrl: OPENAPI_JSON_PATH, yamlDocumentUrl: 'api/docs-yaml' });
}
