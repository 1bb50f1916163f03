import { SMC_EVENT_CONTRACTS } from '../events/smc-event-contracts';
import {
  EVENT_CODES_BY_ROUTING_KEY,
  EventHeader,
  LOYALTY_EVENTS_EXCHANGE,
  LOYALTY_UNROUTED_EXCHANGE,
  RoutingKey,
  SMC_CUSTOMER_EVENTS_QUEUE,
  SMC_ROUTING_KEYS,
  SmcRoutingKey,
} from '../events/routing-keys';
import { loadFixture } from '../testing/fixtures';
import { ContractClass, FieldDescription, JsonSchema, MESSAGE_ID_PATTERN, describeContractFields } from '../validation/fields';
import { toYaml } from './yaml';

/**
 * Builds the AsyncAPI 3.0.0 description of the `loyalty.events` exchange from the contract
 * classes, so the document cannot disagree with what consumers validate. A test compares it
 * with the committed `asyncapi/loyalty-events.yaml`; `scripts/write-asyncapi.ts` rewrites that.
 */

const AMQP_BINDING_VERSION = '0.3.0';
const SMC_CHANNEL = 'smcCustomerEvents';
const TRACEPARENT_PATTERN = '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$';

const ROUTING_KEY_NAMES = Object.fromEntries(Object.entries(RoutingKey).map(([name, key]) => [key, name])) as Record<
  SmcRoutingKey,
  string
>;

function channelId(routingKey: SmcRoutingKey): string {
  const name = ROUTING_KEY_NAMES[routingKey];
  return name[0].toLowerCase() + name.slice(1);
}

function ref(path: string): JsonSchema {
  return { $ref: path };
}

function schemaRef(contract: ContractClass): JsonSchema {
  return ref(`#/components/schemas/${contract.name}`);
}

class SchemaCollector {
  readonly schemas: Record<string, JsonSchema> = {};
  private readonly owners = new Map<string, ContractClass>();

  add(contract: ContractClass, description?: string): void {
    const owner = this.owners.get(contract.name);
    if (owner === contract) return;
    if (owner) throw new Error(`Two contract classes are named ${contract.name}`);
    this.owners.set(contract.name, contract);
    this.schemas[contract.name] = {}; // reserve the slot so recursion stops here
    this.schemas[contract.name] = this.objectSchema(contract, description);
  }

  private objectSchema(contract: ContractClass, description?: string): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    const eitherOf: string[] = [];
    for (const [name, field] of describeContractFields(contract)) {
      properties[name] = this.fieldSchema(field);
      if (field.presence === 'required' || field.presence === 'presentOrNull') required.push(name);
      if (field.presence === 'requiredUnlessSibling') eitherOf.push(name);
    }
    return {
      type: 'object',
      ...(description ? { description } : {}),
      required,
      ...(eitherOf.length ? { anyOf: eitherOf.map((name) => ({ required: [name] })) } : {}),
      properties,
    };
  }

  private fieldSchema(field: FieldDescription): JsonSchema {
    const { description, ...shape } = field.schema ?? {};
    let schema: JsonSchema = shape;
    if (field.nested) {
      const nested = field.nested();
      this.add(nested);
      schema = shape['type'] === 'array' ? { type: 'array', items: schemaRef(nested) } : schemaRef(nested);
    }
    const nullable = field.presence === 'presentOrNull' || field.presence === 'optionalOrNull';
    if (nullable) schema = withNull(schema);
    if (description) {
      // Keywords next to $ref are ignored by draft-07 tools; wrap the reference instead.
      schema = '$ref' in schema ? { description, allOf: [schema] } : { description, ...schema };
    }
    return schema;
  }
}

function withNull(schema: JsonSchema): JsonSchema {
  if ('$ref' in schema) return { oneOf: [schema, { type: 'null' }] };
  const result: JsonSchema = { ...schema, type: [schema['type'], 'null'] };
  if (Array.isArray(schema['enum'])) result['enum'] = [...schema['enum'], null];
  return result;
}

export function buildAsyncApiDocument(): Record<string, unknown> {
  const collector = new SchemaCollector();
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const smcMessages: Record<string, unknown> = {};

  for (const entry of SMC_EVENT_CONTRACTS) {
    const messageName = entry.contract.name;
    const id = channelId(entry.routingKey);
    collector.add(entry.contract, `${entry.summary} Published by ${entry.producer}.`);
    const eventCodes = EVENT_CODES_BY_ROUTING_KEY[entry.routingKey];

    messages[messageName] = {
      name: messageName,
      title: entry.routingKey,
      summary: entry.summary,
      contentType: 'application/json',
      headers: ref('#/components/schemas/EventHeaders'),
      correlationId: ref('#/components/correlationIds/correlationHeader'),
      payload: schemaRef(entry.contract),
      bindings: {
        amqp: {
          ...(eventCodes.length === 1 ? { messageType: eventCodes[0] } : {}),
          bindingVersion: AMQP_BINDING_VERSION,
        },
      },
      'x-amqp-properties': amqpProperties(eventCodes),
      examples: [
        {
          name: 'seed',
          summary: 'The example of seed 000 (typos fixed).',
          payload: loadFixture(entry.routingKey),
        },
      ],
    };

    channels[id] = {
      address: entry.routingKey,
      title: entry.routingKey,
      description: `Routing key ${entry.routingKey} on the ${LOYALTY_EVENTS_EXCHANGE} exchange. Event codes: ${eventCodes.join(', ')}.`,
      messages: { [messageName]: ref(`#/components/messages/${messageName}`) },
      bindings: {
        amqp: {
          is: 'routingKey',
          exchange: { name: LOYALTY_EVENTS_EXCHANGE, type: 'topic', durable: true, autoDelete: false, vhost: '/' },
          bindingVersion: AMQP_BINDING_VERSION,
        },
      },
    };

    operations[`publish${ROUTING_KEY_NAMES[entry.routingKey]}`] = {
      action: 'send',
      summary: `${entry.producer} publishes ${entry.routingKey}.`,
      channel: ref(`#/channels/${id}`),
      messages: [ref(`#/channels/${id}/messages/${messageName}`)],
      bindings: { amqp: { deliveryMode: 2, timestamp: true, bindingVersion: AMQP_BINDING_VERSION } },
    };

    smcMessages[messageName] = ref(`#/components/messages/${messageName}`);
  }

  channels[SMC_CHANNEL] = {
    address: SMC_CUSTOMER_EVENTS_QUEUE,
    title: SMC_CUSTOMER_EVENTS_QUEUE,
    description:
      `Durable queue read by Smart Communications, bound to ${LOYALTY_EVENTS_EXCHANGE} with exactly these ` +
      `routing keys: ${SMC_ROUTING_KEYS.join(', ')}. Internal keys (processing.*, cards.*, registration.*, ` +
      'notifications.*) are never bound to it. Classic by default, quorum when SMC_QUEUE_TYPE=quorum.',
    messages: smcMessages,
    bindings: {
      amqp: {
        is: 'queue',
        queue: { name: SMC_CUSTOMER_EVENTS_QUEUE, durable: true, exclusive: false, autoDelete: false, vhost: '/' },
        bindingVersion: AMQP_BINDING_VERSION,
      },
    },
    'x-bound-exchange': LOYALTY_EVENTS_EXCHANGE,
    'x-bound-routing-keys': [...SMC_ROUTING_KEYS],
  };

  operations['receiveSmcCustomerEvents'] = {
    action: 'receive',
    summary: 'Smart Communications consumes the customer events. The platform itself never consumes this queue.',
    channel: ref(`#/channels/${SMC_CHANNEL}`),
    messages: Object.keys(smcMessages).map((name) => ref(`#/channels/${SMC_CHANNEL}/messages/${name}`)),
    bindings: { amqp: { ack: true, bindingVersion: AMQP_BINDING_VERSION } },
  };

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Loyalty platform events',
      version: '1.0.0',
      description:
        `Domain events on the durable topic exchange ${LOYALTY_EVENTS_EXCHANGE} (alternate exchange ` +
        `${LOYALTY_UNROUTED_EXCHANGE}, which keeps unroutable events). Bodies follow the models of seed 000; ` +
        'every body we publish also carries the retry fields externalId, tryCount, delaySecond and toErrorQueue, ' +
        'and every customer info carries both customerUid and customerCode. Consumers tolerate unknown keys.',
    },
    defaultContentType: 'application/json',
    servers: {
      rabbitmq: {
        host: 'rabbitmq:5672',
        protocol: 'amqp',
        protocolVersion: '0.9.1',
        description: 'The platform broker; the host differs per environment.',
      },
    },
    channels,
    operations,
    components: {
      schemas: { EventHeaders: eventHeadersSchema(), ...collector.schemas },
      messages,
      correlationIds: {
        correlationHeader: {
          description: 'Correlation id of the request that caused the event.',
          location: `$message.header#/${EventHeader.CorrelationId}`,
        },
      },
    },
  };
}

function eventHeadersSchema(): JsonSchema {
  return {
    type: 'object',
    required: [EventHeader.CorrelationId, EventHeader.TraceParent],
    properties: {
      [EventHeader.CorrelationId]: {
        type: 'string',
        description: 'Correlation id of the request or message that caused the event.',
      },
      [EventHeader.TraceParent]: {
        type: 'string',
        pattern: TRACEPARENT_PATTERN,
        description: 'W3C trace context of the publishing span.',
      },
    },
  };
}

/** AMQP basic properties every event is published with (they are not headers). */
function amqpProperties(eventCodes: readonly string[]): JsonSchema {
  return {
    type: 'object',
    required: ['messageId', 'type', 'timestamp', 'contentType', 'deliveryMode'],
    properties: {
      messageId: {
        type: 'string',
        pattern: MESSAGE_ID_PATTERN.source,
        description: 'A uuid without hyphens; equals the body’s externalId.',
      },
      type: { type: 'string', enum: [...eventCodes], description: 'The body’s eventCode.' },
      timestamp: { type: 'integer', description: 'Publish time, Unix seconds.' },
      contentType: { const: 'application/json' },
      deliveryMode: { const: 2, description: 'Persistent.' },
    },
  };
}

export function renderAsyncApiYaml(): string {
  return (
    '# Generated from the contract classes by libs/contracts/scripts/write-asyncapi.ts.\n' +
    '# Do not edit by hand: change the classes and run `npx nx run contracts:asyncapi`.\n' +
    toYaml(buildAsyncApiDocument())
  );
}
