import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import type { IService } from 'kubernetes-models/v1/Service';

/** The uid the Dockerfile creates; pods must run as it. */
export const APP_UID = 10001;
/** Time a process needs after SHUTDOWN_TIMEOUT_MS to close and exit before SIGKILL. */
export const EXIT_MARGIN_SECONDS = 5;

export type Workload = IDeployment | IJob;

export function podSpecOf(workload: Workload): IPodSpec {
  const spec = workload.spec?.template?.spec;
  if (!spec) throw new Error(`${workload.kind}/${workload.metadata?.name} has no pod template`);
  return spec;
}

function allContainers(spec: IPodSpec): IContainer[] {
  return [...(spec.initContainers ?? []), ...spec.containers];
}

type EnvValue = { value: string } | { secret: string; key: string } | { unresolved: string };

/** What a container's environment holds, following envFrom and env the way the kubelet does. */
export function containerEnvironment(container: IContainer, configMaps: IConfigMap[]): Map<string, EnvValue> {
  const env = new Map<string, EnvValue>();
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) {
      const configMap = configMaps.find((candidate) => candidate.metadata?.name === source.configMapRef?.name);
      for (const [key, value] of Object.entries(configMap?.data ?? {})) env.set(`${source.prefix ?? ''}${key}`, { value });
    }
  }
  for (const variable of container.env ?? []) {
    if (variable.value !== undefined) env.set(variable.name, { value: variable.value });
    else if (variable.valueFrom?.secretKeyRef) {
      const ref = variable.valueFrom.secretKeyRef;
      env.set(variable.name, { secret: ref.name ?? '', key: ref.key });
    } else if (variable.valueFrom?.configMapKeyRef) {
      const ref = variable.valueFrom.configMapKeyRef;
      const configMap = configMaps.find((candidate) => candidate.metadata?.name === ref.name);
      const value = configMap?.data?.[ref.key];
      env.set(variable.name, value === undefined ? { unresolved: `${ref.name}/${ref.key}` } : { value });
    } else env.set(variable.name, { unresolved: 'fieldRef/resourceFieldRef' });
  }
  return env;
}

export function literalEnv(container: IContainer, configMaps: IConfigMap[], name: string): string | undefined {
  const entry = containerEnvironment(container, configMaps).get(name);
  return entry && 'value' in entry ? entry.value : undefined;
}

function probePort(probe: IProbe | undefined): string | number | undefined {
  return probe?.httpGet?.port;
}

function declaresPort(container: IContainer, port: string | number | undefined): boolean {
  return (container.ports ?? []).some((declared) => declared.name === port || declared.containerPort === port);
}

/** Readiness on /health/ready, liveness and startup on /health/live, all on a declared port. */
export function probeProblems(workload: IDeployment): string[] {
  const problems: string[] = [];
  for (const container of podSpecOf(workload).containers) {
    const expectations: Array<[string, IProbe | undefined, string]> = [
      ['readinessProbe', container.readinessProbe, '/health/ready'],
      ['livenessProbe', container.livenessProbe, '/health/live'],
      ['startupProbe', container.startupProbe, '/health/live'],
    ];
    for (const [field, probe, path] of expectations) {
      if (probe?.httpGet?.path !== path) problems.push(`${container.name}: ${field} must GET ${path}`);
      else if (!declaresPort(container, probePort(probe))) problems.push(`${container.name}: ${field} port is not a container port`);
    }
  }
  return problems;
}

const QUANTITY_SUFFIXES: Record<string, number> = {
  m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40,
};

/** A Kubernetes quantity ("250m", "1", "512Mi") as a number of base units. */
export function parseQuantity(quantity: string | number): number {
  if (typeof quantity === 'number') return quantity;
  const match = /^([0-9.]+)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(quantity);
  if (!match) throw new Error(`not a quantity: ${quantity}`);
  return Number(match[1]) * QUANTITY_SUFFIXES[match[2] ?? ''];
}

/** cpu and memory requests and limits on every container, requests not above limits. */
export function resourceProblems(workload: Workload): string[] {
  const problems: string[] = [];
  for (const container of allContainers(podSpecOf(workload))) {
    for (const resource of ['cpu', 'memory']) {
      const request = container.resources?.requests?.[resource];
      const limit = container.resources?.limits?.[resource];
      if (request === undefined) problems.push(`${container.name}: no ${resource} request`);
      if (limit === undefined) problems.push(`${container.name}: no ${resource} limit`);
      if (request !== undefined && limit !== undefined && parseQuantity(request) > parseQuantity(limit)) {
        problems.push(`${container.name}: ${resource} request ${request} above limit ${limit}`);
      }
    }
  }
  return problems;
}

/**
 * Non-root uid 10001, no privilege escalation, read-only root, no capabilities, RuntimeDefault
 * seccomp — the effective values, container settings overriding the pod's.
 */
export function securityProblems(workload: Workload): string[] {
  const spec = podSpecOf(workload);
  const pod = spec.securityContext ?? {};
  const problems: string[] = [];
  if (pod.runAsNonRoot !== true) problems.push('pod: runAsNonRoot must be true');
  if (pod.runAsUser !== APP_UID) problems.push(`pod: runAsUser must be ${APP_UID}`);
  if (pod.seccompProfile?.type !== 'RuntimeDefault') problems.push('pod: seccompProfile must be RuntimeDefault');
  if (spec.automountServiceAccountToken !== false) problems.push('pod: automountServiceAccountToken must be false');
  if (spec.hostNetwork || spec.hostPID || spec.hostIPC) problems.push('pod: must not share host namespaces');
  for (const container of allContainers(spec)) {
    const own = container.securityContext ?? {};
    const effective = {
      runAsUser: own.runAsUser ?? pod.runAsUser,
      seccomp: own.seccompProfile?.type ?? pod.seccompProfile?.type,
    };
    if (own.runAsNonRoot !== true) problems.push(`${container.name}: runAsNonRoot must be true`);
    if (effective.runAsUser !== APP_UID) problems.push(`${container.name}: runAsUser must be ${APP_UID}`);
    if (effective.seccomp !== 'RuntimeDefault') problems.push(`${container.name}: seccompProfile must be RuntimeDefault`);
    if (own.allowPrivilegeEscalation !== false) problems.push(`${container.name}: allowPrivilegeEscalation must be false`);
    if (own.readOnlyRootFilesystem !== true) problems.push(`${container.name}: readOnlyRootFilesystem must be true`);
    if (!(own.capabilities?.drop ?? []).includes('ALL')) problems.push(`${container.name}: capabilities must drop ALL`);
    if ((own.capabilities?.add ?? []).length > 0) problems.push(`${container.name}: must not add capabilities`);
    if (own.privileged) problems.push(`${container.name}: must not be privileged`);
  }
  return problems;
}

/** With a read-only root, /tmp must be a writable emptyDir. */
export function scratchSpaceProblems(workload: Workload): string[] {
  const spec = podSpecOf(workload);
  const emptyDirs = new Set((spec.volumes ?? []).filter((volume) => volume.emptyDir).map((volume) => volume.name));
  return allContainers(spec)
    .filter((container) => !(container.volumeMounts ?? []).some((mount) => mount.mountPath === '/tmp' && emptyDirs.has(mount.name)))
    .map((container) => `${container.name}: /tmp is not an emptyDir mount`);
}

function preStopSleepSeconds(container: IContainer): number {
  const preStop = container.lifecycle?.preStop;
  if (!preStop) return 0;
  if (preStop.sleep) return preStop.sleep.seconds;
  const command = preStop.exec?.command ?? [];
  if (command[0] === 'sleep' && command.length === 2) return Number(command[1]);
  throw new Error(`${container.name}: cannot tell how long the preStop hook takes`);
}

/**
 * SIGKILL must not come before the app has drained: the grace period covers the preStop hook,
 * SHUTDOWN_TIMEOUT_MS from the container's own environment, and the exit margin.
 */
export function gracePeriodProblems(workload: IDeployment, configMaps: IConfigMap[]): string[] {
  const spec = podSpecOf(workload);
  const grace = spec.terminationGracePeriodSeconds;
  if (grace === undefined) return ['terminationGracePeriodSeconds must be set'];
  const problems: string[] = [];
  for (const container of spec.containers) {
    const shutdownMs = Number(literalEnv(container, configMaps, 'SHUTDOWN_TIMEOUT_MS'));
    if (!Number.isFinite(shutdownMs)) {
      problems.push(`${container.name}: SHUTDOWN_TIMEOUT_MS is not set from a ConfigMap or literal`);
      continue;
    }
    const needed = preStopSleepSeconds(container) + Math.ceil(shutdownMs / 1000) + EXIT_MARGIN_SECONDS;
    if (grace < needed) problems.push(`${container.name}: terminationGracePeriodSeconds ${grace} < ${needed} needed`);
  }
  return problems;
}

/** Prometheus annotations point at the container's http port, which is also its PORT. */
export function metricsProblems(workload: IDeployment, configMaps: IConfigMap[]): string[] {
  const annotations = workload.spec?.template.metadata?.annotations ?? {};
  const problems: string[] = [];
  if (annotations['prometheus.io/scrape'] !== 'true') problems.push('prometheus.io/scrape must be "true"');
  if (annotations['prometheus.io/path'] !== '/metrics') problems.push('prometheus.io/path must be /metrics');
  const [container] = podSpecOf(workload).containers;
  const http = (container.ports ?? []).find((port) => port.name === 'http');
  if (!http) return [...problems, `${container.name}: no port named http`];
  if (annotations['prometheus.io/port'] !== String(http.containerPort)) {
    problems.push(`prometheus.io/port must be the http port ${http.containerPort}`);
  }
  const configuredPort = literalEnv(container, configMaps, 'PORT');
  if (configuredPort !== String(http.containerPort)) {
    problems.push(`${container.name}: PORT=${configuredPort} but the http port is ${http.containerPort}`);
  }
  return problems;
}

/** ConfigMaps referenced by the pod that the render does not contain. */
export function missingConfigMaps(workload: Workload, configMaps: IConfigMap[]): string[] {
  const present = new Set(configMaps.map((configMap) => configMap.metadata?.name));
  const referenced = allContainers(podSpecOf(workload)).flatMap((container) => [
    ...(container.envFrom ?? []).filter((source) => source.configMapRef && !source.configMapRef.optional).map((source) => source.configMapRef?.name),
    ...(container.env ?? []).filter((variable) => variable.valueFrom?.configMapKeyRef && !variable.valueFrom.configMapKeyRef.optional).map((variable) => variable.valueFrom?.configMapKeyRef?.name),
  ]);
  return referenced.filter((name) => !present.has(name)).map((name) => `ConfigMap ${name} is referenced but not rendered`);
}

export interface SecretReference {
  secret: string;
  /** undefined when the whole Secret is imported with envFrom. */
  key?: string;
}

export function secretReferences(workload: Workload): SecretReference[] {
  return allContainers(podSpecOf(workload)).flatMap((container) => [
    ...(container.envFrom ?? []).flatMap((source) => (source.secretRef ? [{ secret: source.secretRef.name ?? '' }] : [])),
    ...(container.env ?? []).flatMap((variable) => {
      const ref = variable.valueFrom?.secretKeyRef;
      return ref ? [{ secret: ref.name ?? '', key: ref.key }] : [];
    }),
  ]);
}

function selects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}

/** One PDB selects the Deployment's pods, and it lets a node drain evict at least one pod. */
export function disruptionBudgetProblems(deployment: IDeployment, budgets: IPodDisruptionBudget[]): string[] {
  const labels = deployment.spec?.template.metadata?.labels;
  const matching = budgets.filter((budget) => selects(budget.spec?.selector?.matchLabels, labels));
  if (matching.length !== 1) return [`${matching.length} PodDisruptionBudgets select it (want exactly 1)`];
  const { maxUnavailable, minAvailable } = matching[0].spec ?? {};
  if (maxUnavailable === undefined) {
    return [`PDB ${matching[0].metadata?.name} uses minAvailable=${minAvailable}; use maxUnavailable so drains never block`];
  }
  if (maxUnavailable === 0 || maxUnavailable === '0%') return [`PDB ${matching[0].metadata?.name} blocks every eviction`];
  return [];
}

/** A Service selects the Deployment's pods and targets one of its named ports. */
export function serviceProblems(deployment: IDeployment, services: IService[]): string[] {
  const labels = deployment.spec?.template.metadata?.labels;
  const matching = services.filter((service) => selects(service.spec?.selector, labels));
  if (matching.length === 0) return ['no Service selects it'];
  const [container] = podSpecOf(deployment).containers;
  return matching.flatMap((service) =>
    (service.spec?.ports ?? [])
      .filter((port) => !declaresPort(container, port.targetPort ?? port.port))
      .map((port) => `Service ${service.metadata?.name} port ${port.name ?? port.port} targets no container port`),
  );
}

export function autoscalerFor(deployment: IDeployment, autoscalers: IHorizontalPodAutoscaler[]): IHorizontalPodAutoscaler | undefined {
  return autoscalers.find(
    (autoscaler) =>
      autoscaler.spec?.scaleTargetRef.kind === 'Deployment' && autoscaler.spec.scaleTargetRef.name === deployment.metadata?.name,
  );
}

/** An autoscaled Deployment leaves replicas to the HPA; the HPA's range makes sense. */
export function autoscalingProblems(deployment: IDeployment, autoscalers: IHorizontalPodAutoscaler[]): string[] {
  const autoscaler = autoscalerFor(deployment, autoscalers);
  if (!autoscaler) return [];
  const problems: string[] = [];
  if (deployment.spec?.replicas !== undefined) problems.push('spec.replicas is set although an HPA owns the replica count');
  const min = autoscaler.spec?.minReplicas ?? 1;
  const max = autoscaler.spec?.maxReplicas ?? 0;
  if (min < 1 || max < min) problems.push(`HPA range ${min}..${max} is not sensible`);
  if (!(autoscaler.spec?.metrics ?? []).some((metric) => metric.type === 'Resource')) problems.push('HPA has no resource metric');
  return problems;
}

export function imageOf(workload: Workload): string {
  return podSpecOf(workload).containers[0].image ?? '';
}

/** "registry/loyalty/gateway:1.2.3" → { repository: "registry/loyalty/gateway", tag: "1.2.3" }. */
export function splitImage(image: string): { repository: string; tag?: string } {
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon === -1
    ? { repository: withoutDigest }
    : { repository: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1) };
}
