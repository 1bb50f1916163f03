import { AsyncAPIDocumentInterface, Diagnostic, DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  INTERNAL_ROUTING_KEYS,
  LOYALTY_EVENTS_EXCHANGE,
  SMC_CUSTOMER_EVENTS_QUEUE,
  SMC_ROUTING_KEYS,
  SmcRoutingKey,
} from '../events/routing-keys';
import { SMC_EVENT_CONTRACTS } from '../events/smc-event-contracts';
import { loadFixture } from '../testing/fixtures';
import { buildAsyncApiDocument, renderAsyncApiYaml } from './asyncapi-document';

const DOCUMENT_PATH = join(__dirname, '..', '..', 'asyncapi', 'loyalty-events.yaml');
const text = readFileSync(DOCUMENT_PATH, 'utf8');

/* eslint-disable @typescript-eslint/no-explicit-any -- walking a parsed JSON document */

describe('AsyncAPI document', () => {
  let parsed: Awaited<ReturnType<Parser['parse']>>;
  let document: AsyncAPIDocumentInterface;

  beforeAll(async () => {
    parsed = await new Parser().parse(text);
    // A document that failed to parse leaves this undefined; the diagnostics test says why.
    document = parsed.document as AsyncAPIDocumentInterface;
  });

  it('is what the contract classes generate (run `npx nx run contracts:asyncapi` after changing them)', () => {
    expect(text).toBe(renderAsyncApiYaml());
  });

  it('parses as AsyncAPI 3.0.0 without errors', () => {
    const errors = parsed.diagnostics.filter((d: Diagnostic) => d.severity === DiagnosticSeverity.Error);
    expect(errors.map((d: Diagnostic) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(parsed.document?.version()).toBe('3.0.0');
  });

  it('has a channel for each of the 12 routing keys on the topic exchange', () => {
    const channels = document.channels().all();
    const routingKeyChannels = channels.filter((channel) => channel.bindings().get('amqp')?.value()?.is === 'routingKey');
    expect(routingKeyChannels.map((channel) => channel.address())).toEqual(SMC_ROUTING_KEYS);
    for (const channel of routingKeyChannels) {
      expect(channel.bindings().get('amqp')?.value().exchange).toMatchObject({
        name: LOYALTY_EVENTS_EXCHANGE,
        type: 'topic',
        durable: true,
      });
    }
  });

  it('binds the SMC queue to exactly the 12 keys and nothing internal', () => {
    const queue = document.channels().all().find((channel) => channel.address() === SMC_CUSTOMER_EVENTS_QUEUE);
    expect(queue?.bindings().get('amqp')?.value().queue).toMatchObject({ name: SMC_CUSTOMER_EVENTS_QUEUE, durable: true });
    expect(queue?.extensions().get('x-bound-routing-keys')?.value()).toEqual(SMC_ROUTING_KEYS);
    expect(queue?.messages().all()).toHaveLength(12);
    for (const key of INTERNAL_ROUTING_KEYS) expect(text).not.toContain(key);
  });

  it('declares one send operation per routing key and SMC’s receive operation', () => {
    const operations = document.operations().all();
    expect(operations.filter((op) => op.action() === 'send')).toHaveLength(12);
    const receive = operations.filter((op) => op.action() === 'receive');
    expect(receive.map((op) => op.channels().all()[0].address())).toEqual([SMC_CUSTOMER_EVENTS_QUEUE]);
  });

  it('describes the headers and AMQP properties of every message', () => {
    const messages = document.components().messages().all();
    expect(messages).toHaveLength(12);
    for (const message of messages) {
      expect(Object.keys(message.headers()?.properties() ?? {})).toEqual(['x-correlation-id', 'traceparent']);
      const properties = message.extensions().get('x-amqp-properties')?.value();
      expect(Object.keys(properties.properties)).toEqual(['messageId', 'type', 'timestamp', 'contentType', 'deliveryMode']);
    }
  });

  it('carries each seed example as the example of its message', () => {
    const generated = buildAsyncApiDocument() as any;
    for (const entry of SMC_EVENT_CONTRACTS) {
      const message = generated.components.messages[entry.contract.name];
      expect(message.examples[0].payload).toEqual(loadFixture(entry.routingKey));
      expect(message['x-amqp-properties'].properties.type.enum).toEqual(entry.eventCodes);
    }
  });

  // The parser does not check examples against payload schemas, so compare the structure here:
  // every key the seed shows is a property of the schema, and every key the schema requires is
  // one the seed shows.
  it.each(SMC_EVENT_CONTRACTS.map((entry) => [entry.routingKey, entry.contract.name]))(
    'has a payload schema for %s that matches the seed model',
    (routingKey, messageName) => {
      const generated = buildAsyncApiDocument() as any;
      const problems: string[] = [];
      const payload = generated.components.messages[messageName].payload;
      compareSchema(generated, payload, loadFixture(routingKey as SmcRoutingKey), '', problems);
      expect(problems).toEqual([]);
    },
  );
});

function resolve(document: any, schema: any): any {
  if (schema.$ref) return resolve(document, schema.$ref.slice(2).split('/').reduce((node: any, key: string) => node[key], document));
  if (schema.allOf) return resolve(document, schema.allOf[0]);
  if (schema.oneOf) return resolve(document, schema.oneOf.find((s: any) => s.type !== 'null'));
  return schema;
}

function compareSchema(document: any, schemaOrRef: any, value: unknown, path: string, problems: string[]): void {
  const schema = resolve(document, schemaOrRef);
  if (Array.isArray(value)) {
    value.forEach((item, index) => schema.items && compareSchema(document, schema.items, item, `${path}[${index}]`, problems));
    return;
  }
  if (value === null || typeof value !== 'object' || !schema.properties) return;
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (!(key in schema.properties)) problems.push(`${path}${key}: not in the schema`);
    else compareSchema(document, schema.properties[key], object[key], `${path}${key}.`, problems);
  }
  for (const key of schema.required ?? []) if (!(key in object)) problems.push(`${path}${key}: required but not in the seed`);
}
