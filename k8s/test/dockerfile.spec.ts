import { readRepoFile } from './support/workspace';

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  name: string;
  from: string;
  instructions: Instruction[];
}

/** Splits a Dockerfile into stages of instructions (continuations joined, comments dropped). */
function parseDockerfile(text: string): { globalArgs: Instruction[]; stages: Stage[] } {
  const logical = text
    .replace(/\\\r?\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const globalArgs: Instruction[] = [];
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args };
    if (instruction.keyword === 'FROM') {
      const [, from, name] = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(args) ?? [];
      stages.push({ name: name ?? String(stages.length), from, instructions: [] });
    } else if (stages.length === 0) globalArgs.push(instruction);
    else stages[stages.length - 1].instructions.push(instruction);
  }
  return { globalArgs, stages };
}

describe('Dockerfile', () => {
  const { globalArgs, stages } = parseDockerfile(readRepoFile('Dockerfile'));
  const runtime = stages[stages.length - 1];
  const args = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
  const stage = (name: string) => stages.find((candidate) => candidate.name === name) as Stage;

  it('builds in stages and ships only the runtime stage on slim Node 20', () => {
    expect(stages.map((candidate) => candidate.name)).toEqual(['deps', 'build', 'prod-deps', 'runtime']);
    expect(globalArgs.map((i) => i.args)).toContain('NODE_IMAGE=node:20-bookworm-slim');
    expect(runtime.from).toBe('${NODE_IMAGE}');
  });

  it('installs from the lockfile, builds the chosen app with Nx, and keeps dev dependencies out', () => {
    expect(args(stage('deps'), 'RUN').join('\n')).toMatch(/npm ci\b/);
    expect(args(stage('build'), 'RUN').join('\n')).toMatch(/npx nx build "\$\{APP\}"/);
    expect(args(stage('prod-deps'), 'RUN').join('\n')).toMatch(/npm ci --omit=dev/);
    const copies = args(runtime, 'COPY');
    expect(copies).toContain('--from=prod-deps /app/node_modules ./node_modules');
    expect(copies).toContain('--from=build /repo/dist/apps/${APP} ./dist/apps/${APP}');
    expect(copies.some((copy) => copy.includes('--from=deps'))).toBe(false);
  });

  it('runs as uid 10001 in production mode and stops on SIGTERM', () => {
    expect(args(runtime, 'USER')).toEqual(['10001:10001']);
    expect(args(runtime, 'RUN').join('\n')).toMatch(/useradd .*--uid 10001/);
    expect(args(runtime, 'ENV').join(' ')).toMatch(/NODE_ENV=production/);
    expect(args(runtime, 'STOPSIGNAL')).toEqual(['SIGTERM']);
  });

  it('checks readiness with Node itself, not curl', () => {
    const [healthcheck] = args(runtime, 'HEALTHCHECK');
    expect(healthcheck).toMatch(/CMD \["node", "-e", ".*\/health\/ready/);
    expect(healthcheck).not.toMatch(/\bcurl\b|\bwget\b/);
  });

  it("starts the app's main.js with node as the signalled process", () => {
    expect(args(runtime, 'CMD')).toEqual(['["/bin/sh", "-c", "exec node dist/apps/${APP}/apps/${APP}/src/main.js"]']);
  });
});

describe('.dockerignore', () => {
  const entries = readRepoFile('.dockerignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

  it('keeps local state, secrets and build output out of the build context', () => {
    expect(entries).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git', 'tmp', 'coverage', '.nx', '.env', '.env.*']));
  });
});
