import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { IService } from 'kubernetes-models/v1/Service';
import { join } from 'node:path';
import { kubernetesSchemaProblems } from './support/kubernetes-schema';
import { K8S_ROOT, named, ofKind, renderKustomization } from './support/kustomize';
import {
  autoscalerFor,
  autoscalingProblems,
  disruptionBudgetProblems,
  gracePeriodProblems,
  imageOf,
  metricsProblems,
  missingConfigMaps,
  probeProblems,
  resourceProblems,
  scratchSpaceProblems,
  secretReferences,
  securityProblems,
  serviceProblems,
  splitImage,
} from './support/workload-rules';
import { documentsSecret, nxApplications, readRepoFile } from './support/workspace';

const OVERLAYS = [
  { overlay: 'dev', namespace: 'loyalty-dev', smcQueueType: 'classic' },
  { overlay: 'prod', namespace: 'loyalty', smcQueueType: 'quorum' },
] as const;

/** Values that must only ever reach a pod from a Secret. */
const CREDENTIAL_VARIABLES = ['RABBITMQ_URL', 'DATABASE_URL', 'ADMIN_CLIENT_SECRET', 'RABBITMQ_MANAGEMENT_URL'];
const URL_WITH_PASSWORD = /\w+:\/\/[^/\s:@]+:[^/\s@]+@/;

describe.each(OVERLAYS)('k8s/overlays/$overlay', ({ overlay, namespace, smcQueueType }) => {
  const objects = renderKustomization(join(K8S_ROOT, 'overlays', overlay));
  const deployments = ofKind<IDeployment>(objects, 'Deployment');
  const configMaps = ofKind<IConfigMap>(objects, 'ConfigMap');
  const services = ofKind<IService>(objects, 'Service');
  const budgets = ofKind<IPodDisruptionBudget>(objects, 'PodDisruptionBudget');
  const autoscalers = ofKind<IHorizontalPodAutoscaler>(objects, 'HorizontalPodAutoscaler');
  const deploymentNames = deployments.map((deployment) => deployment.metadata?.name ?? '');

  it('validates every object against the Kubernetes schema', () => {
    expect(objects.length).toBeGreaterThan(0);
    expect(kubernetesSchemaProblems(objects)).toEqual([]);
  });

  it(`puts everything in the ${namespace} namespace`, () => {
    expect(ofKind(objects, 'Namespace').map((object) => object.metadata.name)).toEqual([namespace]);
    const elsewhere = objects.filter((object) => object.kind !== 'Namespace' && object.metadata.namespace !== namespace);
    expect(elsewhere.map((object) => `${object.kind}/${object.metadata.name}`)).toEqual([]);
  });

  it('deploys every Nx app, and only those', () => {
    expect([...deploymentNames].sort()).toEqual(nxApplications());
  });

  it('runs each app from its own image, with an explicit tag other than latest', () => {
    const images = deployments.map((deployment) => ({ app: deployment.metadata?.name, ...splitImage(imageOf(deployment)) }));
    for (const image of images) {
      expect(image.repository.split('/').pop()).toBe(image.app);
      expect(image.tag).toMatch(/^(?!latest$)[\w][\w.-]*$/);
    }
  });

  it('commits no Secret values', () => {
    const secretsWithData = ofKind<ISecret>(objects, 'Secret').filter((secret) => secret.data || secret.stringData);
    expect(secretsWithData.map((secret) => secret.metadata?.name)).toEqual([]);
  });

  it('keeps credentials out of ConfigMaps and literal environment values', () => {
    const isCredential = (key: string, value: string) => CREDENTIAL_VARIABLES.includes(key) || URL_WITH_PASSWORD.test(value);
    const inConfigMaps = configMaps.flatMap((configMap) =>
      Object.entries(configMap.data ?? {})
        .filter(([key, value]) => isCredential(key, value))
        .map(([key]) => `ConfigMap ${configMap.metadata?.name}: ${key}`),
    );
    const inLiterals = deployments.flatMap((deployment) =>
      (deployment.spec?.template.spec?.containers ?? []).flatMap((container) =>
        (container.env ?? [])
          .filter((variable) => variable.value !== undefined && isCredential(variable.name, variable.value))
          .map((variable) => `Deployment ${deployment.metadata?.name}: ${variable.name}`),
      ),
    );
    expect([...inConfigMaps, ...inLiterals]).toEqual([]);
  });

  it('autoscales the gateway with a HorizontalPodAutoscaler', () => {
    const gateway = named(deployments, 'gateway');
    const autoscaler = autoscalerFor(gateway, autoscalers);
    expect(autoscaler?.spec?.minReplicas).toBeGreaterThanOrEqual(overlay === 'prod' ? 2 : 1);
    expect(autoscaler?.spec?.maxReplicas).toBeGreaterThan(autoscaler?.spec?.minReplicas ?? 0);
  });

  it('points every HorizontalPodAutoscaler at a rendered Deployment', () => {
    const dangling = autoscalers.filter((autoscaler) => !deploymentNames.includes(autoscaler.spec?.scaleTargetRef.name ?? ''));
    expect(dangling.map((autoscaler) => autoscaler.metadata?.name)).toEqual([]);
  });

  it(`declares smc.customerEvents as a ${smcQueueType} queue`, () => {
    const [container] = named(deployments, 'smc-plugin').spec?.template.spec?.containers ?? [];
    const configMapNames = (container.envFrom ?? []).map((source) => source.configMapRef?.name);
    const queueTypes = configMaps
      .filter((configMap) => configMapNames.includes(configMap.metadata?.name))
      .map((configMap) => configMap.data?.['SMC_QUEUE_TYPE'])
      .filter(Boolean);
    expect(queueTypes).toEqual([smcQueueType]);
  });

  describe.each(deploymentNames)('Deployment %s', (name) => {
    const deployment = named(deployments, name);

    it('probes readiness on /health/ready and liveness/startup on /health/live', () => {
      expect(probeProblems(deployment)).toEqual([]);
    });

    it('requests and limits cpu and memory', () => {
      expect(resourceProblems(deployment)).toEqual([]);
    });

    it('runs as non-root uid 10001 with a locked-down security context', () => {
      expect(securityProblems(deployment)).toEqual([]);
      expect(scratchSpaceProblems(deployment)).toEqual([]);
    });

    it('gives SIGTERM draining enough time before SIGKILL', () => {
      expect(gracePeriodProblems(deployment, configMaps)).toEqual([]);
    });

    it('is scraped by Prometheus on its http port', () => {
      expect(metricsProblems(deployment, configMaps)).toEqual([]);
    });

    it('has a PodDisruptionBudget that still lets nodes drain', () => {
      expect(disruptionBudgetProblems(deployment, budgets)).toEqual([]);
    });

    it('is reachable through a Service on a named container port', () => {
      expect(serviceProblems(deployment, services)).toEqual([]);
    });

    it('leaves the replica count to its autoscaler, if it has one', () => {
      expect(autoscalingProblems(deployment, autoscalers)).toEqual([]);
    });

    it('references only rendered ConfigMaps and Secrets documented in k8s/README.md', () => {
      expect(missingConfigMaps(deployment, configMaps)).toEqual([]);
      const readme = readRepoFile('k8s/README.md');
      const undocumented = secretReferences(deployment).filter((ref) => !documentsSecret(readme, ref.secret, ref.key));
      expect(undocumented).toEqual([]);
    });
  });
});
