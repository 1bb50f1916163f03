import { Gauge, register } from 'prom-client';

function gauge(name: string, help: string): Gauge<string> {
  return (register.getSingleMetric(name) as Gauge<string>) ?? new Gauge({ name, help });
}

export const smcMetrics = {
  enabled: gauge('smc_plugin_enabled', '1 when smc.customerEvents is bound to the SMC routing keys'),
  messages: gauge('smc_queue_messages', 'Messages waiting in smc.customerEvents'),
  consumers: gauge('smc_queue_consumers', 'Consumers attached to smc.customerEvents (SMC)'),
  publishRate: gauge('smc_queue_publish_rate', 'Messages per second into smc.customerEvents (management API)'),
};
