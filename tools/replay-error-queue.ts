/**
 * Operator command: `npm run replay -- <queue>` moves what is parked in `<queue>.error` back to
 * `<queue>`. Uses RABBITMQ_URL (default: the local broker).
 */
import * as amqp from 'amqplib';
import { replayErrorQueue } from '@loyalty/messaging';

async function main(): Promise<void> {
  const queue = process.argv[2];
  if (!queue || queue.endsWith('.error')) {
    process.stderr.write('usage: npm run replay -- <queue>   (the consumer queue, not its .error queue)\n');
    process.exit(2);
  }
  const connection = await amqp.connect(process.env['RABBITMQ_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672');
  try {
    const channel = await connection.createConfirmChannel();
    // A missing queue closes the channel; the failed call reports it, the event needs no handler.
    channel.on('error', () => undefined);
    const moved = await replayErrorQueue(channel, queue);
    process.stdout.write(`replayed ${moved} message(s) from ${queue}.error to ${queue}\n`);
  } finally {
    await connection.close().catch(() => undefined);
  }
}

main().catch((error) => {
  process.stderr.write(`replay failed: ${(error as Error).message}\n`);
  process.exit(1);
});
