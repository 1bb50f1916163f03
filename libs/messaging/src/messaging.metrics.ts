import { Counter, Gauge, Histogram, register } from 'prom-client';

function counter(name: string, help: string, labelNames: string[] = []): Counter<string> {
  return (register.getSingleMetric(name) as Counter<string>) ?? new Counter({ name, help, labelNames });
}

function gauge(name: string, help: string): Gauge<string> {
  return (register.getSingleMetric(name) as Gauge<string>) ?? new Gauge({ name, help });
}

/** Messaging metrics on the default prom-client registry, served by each app's /metrics. */
export const messagingMetrics = {
  outboxPublished: counter('outbox_messages_published_total', 'Outbox rows published and confirmed by the broker'),
  outboxPublishFailures: counter('outbox_publish_failures_total', 'Outbox rows whose publish was not confirmed'),
  outboxLagSeconds: gauge('outbox_lag_seconds', 'Age of the oldest unsent outbox row (0 when empty)'),
  handled: counter('messaging_messages_handled_total', 'Messages handled by consumers', ['queue', 'outcome']),
  retries: counter('messaging_retries_total', 'Messages sent to a delay queue for another try', ['queue']),
  errorQueued: counter('messaging_error_queue_total', 'Messages moved to an error queue', ['queue', 'reason']),
  handlerDuration:
    (register.getSingleMetric('messaging_handler_duration_seconds') as Histogram<string>) ??
    new Histogram({
      name: 'messaging_handler_duration_seconds',
      help: 'Time spent in message and RPC handlers',
      labelNames: ['queue', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    }),
};
