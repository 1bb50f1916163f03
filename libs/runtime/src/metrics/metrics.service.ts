import { Inject, Injectable } from '@nestjs/common';
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  register,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
} from 'prom-client';

export const METRICS_OPTIONS = Symbol('METRICS_OPTIONS');

export interface MetricsModuleOptions {
  /** Added as the `service` label to every series. */
  serviceName: string;
  /** Node.js process metrics (CPU, memory, event loop lag, GC); on by default. */
  defaultMetrics?: boolean;
}

/** Seconds; covers a cache hit up to an RPC that ran into its timeout. */
export const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type MetricConfig<L extends string, C> = Omit<C, 'registers'> & { name: string; labelNames?: readonly L[] };

/**
 * Access to the process's Prometheus registry: prom-client's default one, since a process is one
 * service. Metrics a library registers there directly (`new Counter(...)`) are served by
 * `/metrics` too. Through this service, creation is get-or-create: asking twice for the same name
 * (a second app in the same test process, a provider built twice) returns the registered metric.
 */
@Injectable()
export class MetricsService {
  readonly registry = register;
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status'>;

  constructor(@Inject(METRICS_OPTIONS) options: MetricsModuleOptions) {
    this.registry.setDefaultLabels({ service: options.serviceName });
    // prom-client refuses to register the process metrics twice on one registry.
    if (options.defaultMetrics !== false && this.registry.getSingleMetric('process_cpu_user_seconds_total') === undefined) {
      collectDefaultMetrics({ register: this.registry });
    }
    this.httpRequestDuration = this.histogram({
      name: 'http_server_request_duration_seconds',
      help: 'Duration of HTTP requests served, by method, route template and status code.',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS_SECONDS,
    });
  }

  counter<L extends string>(config: MetricConfig<L, CounterConfiguration<L>>): Counter<L> {
    return this.existing<Counter<L>>(config.name, Counter) ?? new Counter<L>({ ...config, registers: [this.registry] });
  }

  gauge<L extends string>(config: MetricConfig<L, GaugeConfiguration<L>>): Gauge<L> {
    return this.existing<Gauge<L>>(config.name, Gauge) ?? new Gauge<L>({ ...config, registers: [this.registry] });
  }

  histogram<L extends string>(config: MetricConfig<L, HistogramConfiguration<L>>): Histogram<L> {
    return this.existing<Histogram<L>>(config.name, Histogram) ?? new Histogram<L>({ ...config, registers: [this.registry] });
  }

  /** Prometheus text exposition of every metric in the registry. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private existing<M>(name: string, kind: abstract new (...args: never[]) => unknown): M | undefined {
    const metric = this.registry.getSingleMetric(name);
    if (metric === undefined) return undefined;
    if (!(metric instanceof kind)) throw new Error(`Metric ${name} is already registered with another type`);
    return metric as M;
  }
}
