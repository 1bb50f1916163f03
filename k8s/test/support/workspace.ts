import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './kustomize';

/** Names of the Nx application projects under apps/ — everything that must be deployable. */
export function nxApplications(): string[] {
  const appsDir = join(REPO_ROOT, 'apps');
  return readdirSync(appsDir)
    .map((entry) => join(appsDir, entry, 'project.json'))
    .filter((projectFile) => existsSync(projectFile))
    .map((projectFile) => JSON.parse(readFileSync(projectFile, 'utf8')) as { name: string; projectType?: string })
    .filter((project) => project.projectType === 'application')
    .map((project) => project.name)
    .sort();
}

export function readRepoFile(path: string): string {
  return readFileSync(join(REPO_ROOT, path), 'utf8');
}

/** True when some line of the document names the Secret and, if given, the key (both in backticks). */
export function documentsSecret(markdown: string, secret: string, key?: string): boolean {
  return markdown
    .split('\n')
    .some((line) => line.includes(`\`${secret}\``) && (key === undefined || line.includes(`\`${key}\``)));
}
