import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IService } from 'kubernetes-models/v1/Service';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { kubernetesSchemaProblems } from './support/kubernetes-schema';
import { K8S_ROOT, kustomizationFiles, named, ofKind, renderBaseWithExample, renderKustomization } from './support/kustomize';
import {
  autoscalerFor,
  autoscalingProblems,
  containerEnvironment,
  disruptionBudgetProblems,
  gracePeriodProblems,
  metricsProblems,
  missingConfigMaps,
  podSpecOf,
  probeProblems,
  resourceProblems,
  scratchSpaceProblems,
  secretReferences,
  securityProblems,
  serviceProblems,
} from './support/workload-rules';
import { documentsSecret, readRepoFile } from './support/workspace';

// k8s/examples/processing is the documented pattern for apps that own a database. It is rendered
// the way it will be deployed — moved into base — and must meet the bar of the deployed apps.
const EXAMPLE_DIR = join(K8S_ROOT, 'examples', 'processing');

describe('k8s/examples/processing (database-app pattern)', () => {
  const objects = renderBaseWithExample(EXAMPLE_DIR, 'processing');
  const configMaps = ofKind<IConfigMap>(objects, 'ConfigMap');
  const deployment = named(ofKind<IDeployment>(objects, 'Deployment'), 'processing');
  const migration = named(ofKind<IJob>(objects, 'Job'), 'processing-migrate');

  it('validates against the Kubernetes schema', () => {
    expect(kubernetesSchemaProblems(objects)).toEqual([]);
  });

  it('meets the Deployment rules of the deployed apps', () => {
    expect([
      ...probeProblems(deployment),
      ...resourceProblems(deployment),
      ...securityProblems(deployment),
      ...scratchSpaceProblems(deployment),
      ...gracePeriodProblems(deployment, configMaps),
      ...metricsProblems(deployment, configMaps),
      ...disruptionBudgetProblems(deployment, ofKind<IPodDisruptionBudget>(objects, 'PodDisruptionBudget')),
      ...serviceProblems(deployment, ofKind<IService>(objects, 'Service')),
      ...autoscalingProblems(deployment, ofKind<IHorizontalPodAutoscaler>(objects, 'HorizontalPodAutoscaler')),
      ...missingConfigMaps(deployment, configMaps),
    ]).toEqual([]);
  });

  it('autoscales processing', () => {
    expect(autoscalerFor(deployment, ofKind<IHorizontalPodAutoscaler>(objects, 'HorizontalPodAutoscaler'))).toBeDefined();
  });

  it('takes DATABASE_URL from a documented Secret in both the app and its migration', () => {
    for (const workload of [deployment, migration]) {
      const [container] = podSpecOf(workload).containers;
      expect(containerEnvironment(container, configMaps).get('DATABASE_URL')).toEqual({ secret: 'processing-database', key: 'DATABASE_URL' });
    }
    const readme = readRepoFile('k8s/README.md');
    const undocumented = [...secretReferences(deployment), ...secretReferences(migration)].filter(
      (ref) => !documentsSecret(readme, ref.secret, ref.key),
    );
    expect(undocumented).toEqual([]);
  });

  it('migrates with the app image, once, within a deadline', () => {
    const spec = podSpecOf(migration);
    const [container] = spec.containers;
    expect(container.image).toBe(podSpecOf(deployment).containers[0].image);
    expect(container.command).toEqual(['node', 'dist/apps/processing/apps/processing/src/migrate.js']);
    expect(spec.restartPolicy).toBe('Never');
    expect(migration.spec?.backoffLimit).toBeGreaterThanOrEqual(1);
    expect(migration.spec?.activeDeadlineSeconds).toBeGreaterThan(0);
  });

  it('runs the migration with the same locked-down pod settings', () => {
    expect([...securityProblems(migration), ...scratchSpaceProblems(migration), ...resourceProblems(migration)]).toEqual([]);
    expect(missingConfigMaps(migration, configMaps)).toEqual([]);
  });

  it('is not deployed by any overlay', () => {
    for (const overlay of readdirSync(join(K8S_ROOT, 'overlays'))) {
      const rendered = renderKustomization(join(K8S_ROOT, 'overlays', overlay));
      const fromExample = rendered.filter((object) => object.metadata.name.startsWith('processing'));
      expect(fromExample.map((object) => `${overlay}: ${object.kind}/${object.metadata.name}`)).toEqual([]);
    }
    const listingExamples = [...kustomizationFiles(join(K8S_ROOT, 'base')), ...kustomizationFiles(join(K8S_ROOT, 'overlays'))]
      .filter((file) => [...file.resources, ...file.components].some((entry) => entry.includes('examples')))
      .map((file) => file.path);
    expect(listingExamples).toEqual([]);
  });
});
