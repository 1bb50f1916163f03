import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export const REPO_ROOT = resolve(__dirname, '../../..');
export const K8S_ROOT = join(REPO_ROOT, 'k8s');

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

interface Renderer {
  flavour: 'kubectl' | 'kustomize';
  path: string;
}

let renderer: Renderer | undefined;

/** The binary k8s/tools/ensure-kustomize.sh settled on; the script is the single source. */
function findRenderer(): Renderer {
  if (renderer) return renderer;
  let out: string;
  try {
    out = execFileSync('bash', [join(K8S_ROOT, 'tools/ensure-kustomize.sh'), '--check'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`no kustomize renderer: run k8s/tools/ensure-kustomize.sh first\n${stderr}`);
  }
  const line = out.trim().split('\n').pop() ?? '';
  const space = line.indexOf(' ');
  const flavour = line.slice(0, space);
  if (flavour !== 'kubectl' && flavour !== 'kustomize') {
    throw new Error(`unexpected output from ensure-kustomize.sh: ${line}`);
  }
  renderer = { flavour, path: line.slice(space + 1) };
  return renderer;
}

/** Parses a multi-document YAML stream, failing on any syntax error. */
export function parseYamlStream(text: string, source: string): unknown[] {
  const documents = parseAllDocuments(text, { merge: true });
  const list = Array.isArray(documents) ? documents : [];
  for (const document of list) {
    if (document.errors.length > 0) {
      throw new Error(`${source}: ${document.errors.map((e) => e.message).join('; ')}`);
    }
  }
  return list.map((document) => document.toJS() as unknown).filter((value) => value != null);
}

/** `kubectl kustomize <dir>` (or `kustomize build <dir>`), parsed. */
export function renderKustomization(dir: string): K8sObject[] {
  const { flavour, path } = findRenderer();
  const args = flavour === 'kubectl' ? ['kustomize', dir] : ['build', dir];
  let out: string;
  try {
    out = execFileSync(path, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    throw new Error(`rendering ${relative(REPO_ROOT, dir) || dir} failed:\n${stderr}`);
  }
  return parseYamlStream(out, dir) as K8sObject[];
}

/** Every kustomization.yaml under a directory, parsed, keyed by path. */
export function kustomizationFiles(dir: string): Array<{ path: string; resources: string[]; components: string[] }> {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((entry) => entry.endsWith('kustomization.yaml'))
    .map((entry) => {
      const content = (parse(readFileSync(join(dir, entry), 'utf8')) ?? {}) as { resources?: string[]; components?: string[] };
      return { path: join(dir, entry), resources: content.resources ?? [], components: content.components ?? [] };
    });
}

export function ofKind<T = K8sObject>(objects: K8sObject[], kind: string): T[] {
  return objects.filter((object) => object.kind === kind) as unknown as T[];
}

export function named<T extends { metadata?: { name?: string } }>(objects: T[], name: string): T {
  const found = objects.find((object) => object.metadata?.name === name);
  if (!found) throw new Error(`no object named ${name}`);
  return found;
}
