import type { K8sObject } from './kustomize';

interface ValidatingModel {
  validate(): void;
}
type ModelClass = new (data: unknown) => ValidatingModel;

/**
 * Checks an object against the Kubernetes OpenAPI schema of its apiVersion/kind, as compiled by
 * the kubernetes-models package. Returns the problem, or undefined when the object is valid.
 *
 * An apiVersion/kind without a schema (a typo, a removed API, a CRD) is a problem too: the
 * manifests only use built-in kinds.
 */
export function kubernetesSchemaProblem(object: K8sObject): string | undefined {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return 'apiVersion and kind are required';
  // Core objects ("v1") live at kubernetes-models/v1/<Kind>, the others at <group>/<version>/<Kind>.
  const modulePath = `kubernetes-models/${apiVersion}/${kind}`;
  let Model: ModelClass | undefined;
  try {
    Model = (require(modulePath) as Record<string, ModelClass>)[kind];
  } catch {
    Model = undefined;
  }
  if (!Model) return `no Kubernetes schema for ${apiVersion} ${kind}`;
  try {
    new Model(object).validate();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** `"<Kind>/<name>: <problem>"` for every invalid object. */
export function kubernetesSchemaProblems(objects: K8sObject[]): string[] {
  return objects.flatMap((object) => {
    const problem = kubernetesSchemaProblem(object);
    return problem ? [`${object.kind}/${object.metadata?.name}: ${problem}`] : [];
  });
}
