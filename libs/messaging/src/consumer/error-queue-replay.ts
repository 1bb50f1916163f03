import type { ConfirmChannel } from 'amqplib';
import { errorQueueName } from '../topology';
import { ERROR_MESSAGE_HEADER, ERROR_REASON_HEADER } from './message-pipeline';

/**
 * Moves the messages parked in `<queue>.error` back to `<queue>` for a fresh series of tries
 * (tryCount 0). Only the messages present when it starts are moved, so a message that fails
 * again is parked again rather than looping. Each is acknowledged after the broker confirmed its copy.
 */
export async function replayErrorQueue(channel: ConfirmChannel, queue: string): Promise<number> {
  const source = errorQueueName(queue);
  const { messageCount } = await channel.checkQueue(source);
  await channel.checkQueue(queue);
  let moved = 0;
  while (moved < messageCount) {
    const message = await channel.get(source, { noAck: false });
    if (!message) break;
    let content = message.content;
    try {
      const body = JSON.parse(content.toString('utf8'));
      if (body && typeof body === 'object' && !Array.isArray(body)) {
        content = Buffer.from(JSON.stringify({ ...body, tryCount: 0, delaySecond: null, toErrorQueue: false }));
      }
    } catch {
      // Not JSON: replayed as it is, and the consumer parks it again with its reason.
    }
    const headers = { ...(message.properties.headers ?? {}) };
    delete headers[ERROR_REASON_HEADER];
    delete headers[ERROR_MESSAGE_HEADER];
    delete headers['x-failed-at'];
    delete headers['x-last-error'];
    await new Promise<void>((resolve, reject) =>
      channel.sendToQueue(queue, content, { ...message.properties, headers, persistent: true }, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
    channel.ack(message);
    moved += 1;
  }
  return moved;
}
