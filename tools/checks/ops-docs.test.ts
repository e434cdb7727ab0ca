// Keeps the operations material honest against the real system: docs/runbook.md, deploy/k8s and the Prometheus rules.
// The built API and scheduler are started with the manifests' own commands and configuration (ConfigMap + the example
// Secret with usable secrets and a temporary SQLite file instead of PostgreSQL); the probes, metrics and jobs the
// documents name are then asked of them, and every `aquastream-admin …` of the runbook of the real CLI binary.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const root = join(import.meta.dirname, '..', '..');
const k8sDir = join(root, 'deploy', 'k8s');
const alertsFile = join(root, 'deploy', 'prometheus', 'aquastream-alerts.yml');
const runbook = readFileSync(join(root, 'docs', 'runbook.md'), 'utf8');
const cliBin = join(root, 'apps', 'cli', 'bin', 'aquastream-admin.js');

// ---------------------------------------------------------------------------------------------------------------
// The manifests, as plain objects.

type Obj = Record<string, unknown>;
type Manifest = { readonly file: string; readonly kind: string; readonly name: string; readonly body: Obj };

const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

function parseYamlFile(path: string): Obj[] {
  const docs = parseAllDocuments(readFileSync(path, 'utf8'));
  const list = Array.isArray(docs) ? docs : [docs];
  const out: Obj[] = [];
  for (const doc of list) {
    expect(doc.errors.map((e) => e.message), path).toEqual([]);
    const value: unknown = doc.toJS();
    if (value !== null && value !== undefined) out.push(obj(value));
  }
  return out;
}

const yamlFiles = readdirSync(k8sDir).filter((f) => /\.ya?ml$/.test(f)).sort();
const manifests: Manifest[] = yamlFiles.flatMap((file) =>
  parseYamlFile(join(k8sDir, file)).map((body) => ({ file, kind: str(body['kind']), name: str(obj(body['metadata'])['name']), body })),
);
const byKind = (kind: string): Manifest[] => manifests.filter((m) => m.kind === kind);
const one = (kind: string, name: string): Manifest => {
  const found = manifests.find((m) => m.kind === kind && m.name === name);
  if (found === undefined) throw new Error(`no ${kind} ${name} in deploy/k8s`);
  return found;
};
const podTemplateOf = (m: Manifest): Obj => {
  const spec = obj(m.body['spec']);
  return obj(m.kind === 'CronJob' ? obj(obj(spec['jobTemplate'])['spec'])['template'] : spec['template']);
};
const podSpecOf = (m: Manifest): Obj => obj(podTemplateOf(m)['spec']);
const containersOf = (m: Manifest): Obj[] => [...arr(podSpecOf(m)['initContainers']), ...arr(podSpecOf(m)['containers'])].map(obj);
const mainContainer = (m: Manifest): Obj => obj(arr(podSpecOf(m)['containers'])[0]);
const workloads = (): Manifest[] => [...byKind('Deployment'), ...byKind('Job'), ...byKind('CronJob')];

const configMapData = (): Record<string, string> =>
  Object.fromEntries(Object.entries(obj(one('ConfigMap', 'aquastream-config').body['data'])).map(([k, v]) => [k, str(v)]));
const secretExample = (): Record<string, string> =>
  Object.fromEntries(Object.entries(obj(one('Secret', 'aquastream-secrets').body['stringData'])).map(([k, v]) => [k, str(v)]));
const containerEnv = (c: Obj): Record<string, string> => Object.fromEntries(arr(c['env']).map(obj).map((e) => [str(e['name']), str(e['value'])]));

/** `512Mi` → 512, `1Gi` → 1024, `300M` → 286…: mebibytes. */
function mebibytes(q: string): number {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|K|M|G)?$/.exec(q);
  if (m === null) throw new Error(`not a memory quantity: ${q}`);
  const factor = { Ki: 1 / 1024, Mi: 1, Gi: 1024, K: 1000 / 1024 ** 2, M: 1e6 / 1024 ** 2, G: 1e9 / 1024 ** 2 }[m[2] ?? ''] ?? 1 / 1024 ** 2;
  return Number(m[1]) * factor;
}

// ---------------------------------------------------------------------------------------------------------------
// Processes.

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const children: ChildProcess[] = [];
const temporary: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(
    children
      .filter((child) => child.exitCode === null && child.signalCode === null)
      .map((child) => new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM'))),
  );
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** The configuration a pod of `m` gets, made runnable here: real secrets instead of the placeholders, SQLite, no broker. */
function podEnv(container: Obj, overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...configMapData(),
    ...secretExample(),
    AUTH_JWT_SECRET: randomBytes(24).toString('hex'),
    PAYMENT_SANDBOX_SECRET: randomBytes(24).toString('hex'),
    ...containerEnv(container),
    LOG_LEVEL: 'warn',
    ...overrides,
  };
  delete env['AMQP_URL']; // the relay would only log connection errors here; the broker is not required for readiness
  return env;
}

async function startFromManifest(m: Manifest, portVariable: 'PORT' | 'SCHEDULER_PORT', port: number, dataDir: string): Promise<{ log: () => string }> {
  const container = mainContainer(m);
  const [command, ...args] = arr(container['command']).map(str);
  expect(command, `${m.name}: the container command runs node`).toBe('node');
  const env = podEnv(container, { [portVariable]: String(port), DATABASE_URL: `sqlite:${join(dataDir, `${m.name}.sqlite`)}` });
  const child = spawn(process.execPath, args, { cwd: root, env });
  children.push(child);
  let log = '';
  child.stdout?.on('data', (b: Buffer) => (log += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (log += b.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const live = await fetch(`http://127.0.0.1:${port}/health/live`).catch(() => undefined);
    if (live?.status === 200) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${m.name} (${args.join(' ')}) did not start; its output:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { log: () => log };
}

/** Runs the real CLI binary. */
function cli(args: readonly string[], env: NodeJS.ProcessEnv = process.env): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cliBin, ...args], { cwd: root, env, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A PATH on which `aquastream-admin` is the repository's bin, as /usr/local/bin/aquastream-admin is in the image. */
function pathWithCli(): string {
  const dir = tempDir('aquastream-ops-bin-');
  symlinkSync(cliBin, join(dir, 'aquastream-admin'));
  return `${dir}:${process.env['PATH'] ?? ''}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The runbook's commands.

/** Every `aquastream-admin …` in the runbook: the words after it, up to the end of the command. */
function runbookCliCommands(): string[][] {
  const out: string[][] = [];
  for (const match of runbook.matchAll(/aquastream-admin(?![\w.-])([^\n`|;)#&"]*)/g)) {
    const words = (match[1] ?? '').trim().split(/\s+/).filter((w) => w !== '');
    // `aquastream-admin …` alone is prose about the commands, not one of them.
    if (words.length > 0 && words[0] !== '…') out.push(words);
  }
  return out;
}

/** The CLI's own help, a few processes at a time (each loads the whole CLI, about a second on these machines). */
const helpCache = new Map<string, Promise<string>>();
let running = 0;
const queue: (() => void)[] = [];
async function helpOf(path: readonly string[]): Promise<string> {
  const key = path.join(' ');
  const cached = helpCache.get(key);
  if (cached !== undefined) return cached;
  const help = (async () => {
    if (running >= 4) await new Promise<void>((resolve) => queue.push(resolve));
    running += 1;
    try {
      const child = spawn(process.execPath, [cliBin, ...path, '--help'], { cwd: root });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(status, `aquastream-admin ${key} --help: ${stderr}`).toBe(0);
      expect(stdout, `aquastream-admin ${key} is a command`).toContain(`Usage: aquastream-admin ${key}`.trimEnd());
      return stdout;
    } finally {
      running -= 1;
      queue.shift()?.();
    }
  })();
  helpCache.set(key, help);
  return help;
}
const subcommandsIn = (help: string): string[] => {
  const section = help.split(/^Commands:$/m)[1]?.split(/\n\s*\n/)[0] ?? '';
  return [...section.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1] ?? '');
};
const optionsIn = (help: string): Set<string> => new Set([...help.matchAll(/(?<![\w-])(--?[a-zA-Z][\w-]*)/g)].map((m) => m[1] ?? ''));

function headingAnchors(markdown: string): Set<string> {
  return new Set(
    [...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
      (m[1] ?? '')
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-'),
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------------

describe('deploy/k8s', () => {
  it('parses, and the kustomization lists every manifest in the folder', () => {
    expect(manifests.length).toBeGreaterThan(0);
    const kustomization = parseYamlFile(join(k8sDir, 'kustomization.yaml'))[0] ?? {};
    const resources = arr(kustomization['resources']).map(str).sort();
    expect(resources).toEqual(yamlFiles.filter((f) => f !== 'kustomization.yaml'));
    for (const m of manifests.filter((x) => x.file !== 'kustomization.yaml')) {
      expect(m.name, `${m.file}: metadata.name`).not.toBe('');
      expect(str(m.body['apiVersion']), `${m.file}: apiVersion`).not.toBe('');
    }
    expect(byKind('Deployment').map((m) => m.name).sort()).toEqual(['aquastream-http', 'aquastream-scheduler']);
  });

  it('runs every container non-root, read-only, without privileges, within memory limits that fit the heap cap', () => {
    const dockerUser = [...readFileSync(join(root, 'Dockerfile'), 'utf8').matchAll(/^USER (\S+)/gm)].at(-1)?.[1] ?? '';
    expect(dockerUser, 'the image runs as a numeric non-root user (runAsNonRoot can only verify a number)').toMatch(/^[1-9]\d*(:\d+)?$/);
    for (const m of workloads()) {
      const pod = podSpecOf(m);
      const podSecurity = obj(pod['securityContext']);
      expect(podSecurity['runAsNonRoot'], `${m.name}: runAsNonRoot`).toBe(true);
      expect(podSecurity['runAsUser'], `${m.name}: runAsUser matches the image's USER`).toBe(Number(dockerUser.split(':')[0]));
      expect(pod['automountServiceAccountToken'], `${m.name}: no API token in the pod`).toBe(false);
      for (const volume of arr(pod['volumes']).map(obj)) expect(Object.keys(volume).sort(), `${m.name}: only emptyDir volumes`).toEqual(['emptyDir', 'name']);
      for (const c of containersOf(m)) {
        const where = `${m.name}/${str(c['name'])}`;
        const security = obj(c['securityContext']);
        expect(security['readOnlyRootFilesystem'], `${where}: readOnlyRootFilesystem`).toBe(true);
        expect(security['allowPrivilegeEscalation'], `${where}: allowPrivilegeEscalation`).toBe(false);
        expect(arr(obj(security['capabilities'])['drop']), `${where}: drops ALL capabilities`).toContain('ALL');
        expect(security['privileged'], `${where}: not privileged`).not.toBe(true);
        const resources = obj(c['resources']);
        const request = mebibytes(str(obj(resources['requests'])['memory']));
        const limit = mebibytes(str(obj(resources['limits'])['memory']));
        expect(request, `${where}: memory request ≤ limit`).toBeLessThanOrEqual(limit);
        expect(str(obj(resources['requests'])['cpu']), `${where}: a CPU request`).not.toBe('');
        const heap = /--max-old-space-size=(\d+)/.exec(containerEnv(c)['NODE_OPTIONS'] ?? '');
        expect(heap, `${where}: NODE_OPTIONS caps the heap`).not.toBeNull();
        // Young generation, code and buffers live outside the old space: at least 64 MiB of room under the limit.
        expect(Number(heap?.[1]), `${where}: the heap cap leaves room under the memory limit`).toBeLessThanOrEqual(limit - 64);
        const refs = arr(c['envFrom']).map(obj);
        expect(refs.map((r) => str(obj(r['configMapRef'])['name'])), `${where}: the ConfigMap`).toContain('aquastream-config');
        expect(refs.map((r) => str(obj(r['secretRef'])['name'])), `${where}: the Secret`).toContain('aquastream-secrets');
      }
    }
    // The API's own memory target is < 256 MB RSS (issue 7): requested as such.
    const api = mainContainer(one('Deployment', 'aquastream-http'));
    expect(mebibytes(str(obj(obj(api['resources'])['requests'])['memory']))).toBeLessThanOrEqual(256);
  });

  it('uses PostgreSQL (the root filesystem is read-only; the SQLite default would write a file) and fails closed on the example Secret', () => {
    expect(secretExample()['DATABASE_URL']).toMatch(/^postgres(ql)?:\/\//);
    expect(configMapData()['DATABASE_URL'], 'the database URL carries a password: Secret, not ConfigMap').toBeUndefined();
    // Applied as it is, the example must not run with a known key: the real API refuses its configuration.
    const api = mainContainer(one('Deployment', 'aquastream-http'));
    const env: NodeJS.ProcessEnv = { ...process.env, ...configMapData(), ...secretExample(), ...containerEnv(api) };
    const r = spawnSync(process.execPath, arr(api['command']).map(str).slice(1), { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/AUTH_JWT_SECRET.*at least 32 characters/);
  });

  it('points every Service at a named container port of the pods it selects', () => {
    for (const service of byKind('Service')) {
      const selector = obj(obj(service.body['spec'])['selector']);
      const targets = workloads().filter((w) => {
        const labels = obj(obj(podTemplateOf(w)['metadata'])['labels']);
        return Object.entries(selector).every(([k, v]) => labels[k] === v);
      });
      expect(targets.map((t) => t.kind), `${service.name} selects a Deployment`).toEqual(['Deployment']);
      const ports = arr(mainContainer(targets[0] as Manifest)['ports']).map(obj);
      for (const p of arr(obj(service.body['spec'])['ports']).map(obj)) {
        expect(ports.map((cp) => str(cp['name'])), `${service.name}: targetPort ${str(p['targetPort'])}`).toContain(str(p['targetPort']));
      }
    }
  });

  it('has PodDisruptionBudgets that select pods of the Deployments', () => {
    for (const pdb of byKind('PodDisruptionBudget')) {
      const selector = obj(obj(obj(pdb.body['spec'])['selector'])['matchLabels']);
      const matched = byKind('Deployment').filter((d) => {
        const labels = obj(obj(podTemplateOf(d)['metadata'])['labels']);
        return Object.entries(selector).every(([k, v]) => labels[k] === v);
      });
      expect(matched.length, pdb.name).toBe(1);
    }
  });
});

describe('the running API and scheduler, as the manifests start them', () => {
  const dataDir = tempDir('aquastream-ops-');
  const local = new Map<string, number>(); // Deployment name → the port it listens on here
  let apiMetrics = '';
  let schedulerMetrics = '';
  let jobs: { name: string; schedule: string }[] = [];

  beforeAll(async () => {
    const [apiPort, schedulerPort] = [await freePort(), await freePort()];
    // One at a time: both migrate at start, and this shared machine is busy enough.
    await startFromManifest(one('Deployment', 'aquastream-http'), 'PORT', apiPort, dataDir);
    await startFromManifest(one('Deployment', 'aquastream-scheduler'), 'SCHEDULER_PORT', schedulerPort, dataDir);
    local.set('aquastream-http', apiPort);
    local.set('aquastream-scheduler', schedulerPort);
    apiMetrics = await (await fetch(`http://127.0.0.1:${apiPort}/metrics`)).text();
    schedulerMetrics = await (await fetch(`http://127.0.0.1:${schedulerPort}/metrics`)).text();
    jobs = ((await (await fetch(`http://127.0.0.1:${schedulerPort}/jobs`)).json()) as { data: { name: string; schedule: string }[] }).data;
  }, 150_000);

  it('answers every probe of the Deployments on its path and port', async () => {
    for (const d of byKind('Deployment')) {
      const c = mainContainer(d);
      const ports = arr(c['ports']).map(obj);
      const env = { ...configMapData(), ...containerEnv(c) };
      // The port the process listens on in the pod is the container port the probes name.
      const listening = d.name === 'aquastream-http' ? Number(env['PORT'] ?? 8102) : Number(env['SCHEDULER_PORT'] ?? 8103);
      expect(ports.map((p) => Number(p['containerPort'])), `${d.name}: containerPort`).toEqual([listening]);
      const probes = ['startupProbe', 'livenessProbe', 'readinessProbe'].map((k) => [k, obj(c[k])] as const);
      for (const [kind, probe] of probes) {
        const http = obj(probe['httpGet']);
        expect(str(http['path']), `${d.name} ${kind}`).toMatch(/^\/health\/(live|ready)$/);
        const port = ports.find((p) => p['name'] === http['port'] || p['containerPort'] === http['port']);
        expect(port, `${d.name} ${kind}: port ${str(http['port'])} is a container port`).toBeDefined();
        const res = await fetch(`http://127.0.0.1:${local.get(d.name) ?? 0}${str(http['path'])}`);
        expect(res.status, `${d.name} ${kind} ${str(http['path'])}`).toBe(200);
        expect(await res.json()).toMatchObject({ status: 'UP' });
      }
      expect(str(obj(obj(c['readinessProbe'])['httpGet'])['path'])).toBe('/health/ready');
      expect(str(obj(obj(c['livenessProbe'])['httpGet'])['path'])).toBe('/health/live');
    }
  });

  it('exports every metric the runbook and the alert rules name', () => {
    const exported = new Set([...`${apiMetrics}\n${schedulerMetrics}`.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1] ?? ''));
    const alerts = readFileSync(alertsFile, 'utf8');
    const named = new Set([...`${runbook}\n${alerts}`.matchAll(/\b(?:aquastream|http|process|nodejs)_[a-z0-9_]*[a-z0-9]\b/g)].map((m) => m[0]));
    expect(named.size).toBeGreaterThan(10);
    const missing = [...named].filter((n) => !exported.has(n) && !exported.has(n.replace(/_(bucket|count|sum)$/, '')));
    expect(missing, 'metric names in docs/runbook.md or deploy/prometheus that no process exports').toEqual([]);
  });

  it('lists in the runbook exactly the scheduler’s jobs, with the schedules GET /jobs shows', () => {
    const section = runbook.split(/^## Jobs$/m)[1]?.split(/^## /m)[0] ?? '';
    const rows = [...section.matchAll(/^\| `([a-z-]+)` \| ([^|]+?) \|/gm)].map((m) => ({ name: m[1] ?? '', schedule: (m[2] ?? '').trim() }));
    expect(rows).toEqual(jobs.map((j) => ({ name: j.name, schedule: j.schedule })));
    for (const m of runbook.matchAll(/\bJOB_([A-Z0-9_]+)_INTERVAL\b/g)) {
      if (m[1] === 'NAME' || m[1] === '<NAME>') continue;
      expect(jobs.map((j) => j.name), m[0]).toContain((m[1] ?? '').toLowerCase().replaceAll('_', '-'));
    }
  });

  it('runs the migration Job, the reconcile CronJob and the wait-for-schema init containers as written', () => {
    const job = one('Job', 'aquastream-migrate');
    const migrate = mainContainer(job);
    const [bin, ...args] = arr(migrate['command']).map(str);
    expect(bin).toBe('aquastream-admin');
    const fresh = `sqlite:${join(dataDir, 'fresh', 'migrated-by-job.sqlite')}`;
    const path = pathWithCli();
    const ran = spawnSync(bin ?? '', args, { cwd: root, env: { ...podEnv(migrate, { DATABASE_URL: fresh }), PATH: path }, encoding: 'utf8' });
    expect(ran.status, ran.stderr).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ applied: expect.arrayContaining(['0001-organizations']) });
    // The hourly reconcile CronJob's command, on that database: no drift, exit 0.
    const reconcile = mainContainer(one('CronJob', 'aquastream-reconcile'));
    const [reconcileBin, ...reconcileArgs] = arr(reconcile['command']).map(str);
    expect(reconcileBin).toBe('aquastream-admin');
    const checked = spawnSync(reconcileBin ?? '', reconcileArgs, { cwd: root, env: { ...podEnv(reconcile, { DATABASE_URL: fresh }), PATH: path }, encoding: 'utf8' });
    expect(checked.status, checked.stderr).toBe(0);
    expect(JSON.parse(checked.stdout)).toMatchObject({ clean: true });
    for (const d of byKind('Deployment')) {
      const init = obj(arr(podSpecOf(d)['initContainers'])[0]);
      expect(str(init['name'])).toBe('wait-for-schema');
      const [shell, ...shellArgs] = arr(init['command']).map(str);
      // After the Job: the schema is up to date, the pod may start.
      const up = spawnSync(shell ?? '', shellArgs, { env: { ...podEnv(init, { DATABASE_URL: fresh }), PATH: path }, encoding: 'utf8' });
      expect(up.status, `${d.name} wait-for-schema: ${up.stdout}${up.stderr}`).toBe(0);
      // A bad configuration (the example Secret as it is) fails the pod instead of waiting for ever.
      const bad = spawnSync(shell ?? '', shellArgs, { env: { ...process.env, ...configMapData(), ...secretExample(), PATH: path }, encoding: 'utf8' });
      expect(bad.status, `${d.name} wait-for-schema with the example Secret`).toBe(2);
    }
  }, 120_000);
});

describe('docs/runbook.md', () => {
  it('names only aquastream-admin commands and options the real CLI accepts', async () => {
    const commands = runbookCliCommands();
    expect(commands.length).toBeGreaterThan(15);
    const rootOptions = optionsIn(await helpOf([]));
    await Promise.all(
      commands.map(async (words) => {
        const line = `aquastream-admin ${words.join(' ')}`;
        const path: string[] = [];
        const flags: string[] = [];
        const args: string[] = [];
        for (const word of words) {
          if (word.startsWith('-')) flags.push(word.split('=')[0] ?? word);
          else if (flags.length === 0 && args.length === 0 && subcommandsIn(await helpOf(path)).includes(word)) path.push(word);
          else args.push(word);
        }
        expect(path.length, `${line}: names a command`).toBeGreaterThan(0);
        const help = await helpOf(path);
        expect(subcommandsIn(help).filter((s) => s !== 'help'), `${line}: a runnable command, not a group`).toEqual([]);
        const options = optionsIn(help);
        for (const flag of flags) expect(options.has(flag) || rootOptions.has(flag), `${line}: option ${flag}`).toBe(true);
        if (path.join(' ') === 'jobs run') {
          const name = args[0] ?? '';
          if (!name.startsWith('<')) expect(help, `${line}: a job the CLI can run`).toContain(name);
        }
      }),
    );
  }, 180_000);

  it('names only npm scripts that exist', () => {
    const scripts = Object.keys(obj(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')))['scripts'] as Obj);
    const used = [...runbook.matchAll(/\bnpm (?:run ([\w:.-]+)|(start|test)\b)/g)].map((m) => m[1] ?? m[2] ?? '');
    expect(used.length).toBeGreaterThan(0);
    for (const s of used) expect(scripts, `npm run ${s}`).toContain(s);
  });

  it('names only configuration variables the service reads', () => {
    const schema = readFileSync(join(root, 'libs', 'adapters', 'src', 'config', 'config.ts'), 'utf8');
    const known = new Set([...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1] ?? ''));
    expect([...known]).toContain('DATABASE_URL');
    const prefixes = /^(?:PROFILE|PORT|HOST|DB|DATABASE|AMQP|AUTH|BOOKING|WAITLIST|AUDIT|CREW|PAYMENT|STRIPE|PUBLIC|CORS|LOG|RATE|TRUST|SCHEDULER|SHUTDOWN)(?:_|$)/;
    // Error codes that share a prefix, and the read-replica variable the runbook describes as not wired.
    const notVariables = new Set(['DATABASE_UNAVAILABLE', 'PAYMENT_GATEWAY_UNAVAILABLE', 'DATABASE_READ_URLS']);
    const names = new Set([...runbook.matchAll(/\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)(_\*)?(?![\w-])/g)].filter((m) => prefixes.test(m[1] ?? '')).map((m) => (m[1] ?? '') + (m[2] ?? '')));
    for (const name of [...names, ...Object.keys(configMapData()), ...Object.keys(secretExample())]) {
      if (notVariables.has(name) || name.startsWith('JOB_')) continue;
      if (name.endsWith('_*')) expect([...known].some((k) => k.startsWith(name.slice(0, -1))), name).toBe(true);
      else expect([...known], `${name} is read by loadConfig`).toContain(name);
    }
    expect(runbook).toContain('DATABASE_READ_URLS'); // ← described as "not wired yet"; when it is, move it to the schema
    expect(known.has('DATABASE_READ_URLS'), 'read replicas are wired now: update docs/runbook.md "Scaling out"').toBe(false);
  });

  it('links every alert to a section of the runbook', () => {
    const anchors = headingAnchors(runbook);
    const groups = arr((parseYamlFile(alertsFile)[0] ?? {})['groups']).map(obj);
    const rules = groups.flatMap((g) => arr(g['rules']).map(obj));
    expect(rules.length).toBeGreaterThan(5);
    for (const rule of rules) {
      const name = str(rule['alert']);
      expect(str(rule['expr']), name).not.toBe('');
      expect(['page', 'warning'], name).toContain(str(obj(rule['labels'])['severity']));
      const link = /^docs\/runbook\.md#(.+)$/.exec(str(obj(rule['annotations'])['runbook']));
      expect([...anchors], `${name}: runbook anchor`).toContain(link?.[1] ?? '(none)');
      expect(runbook, `${name} is in the runbook's alert table`).toContain(name);
    }
    for (const m of runbook.matchAll(/\]\(#([^)]+)\)/g)) expect([...anchors], `link #${m[1] ?? ''}`).toContain(m[1] ?? '');
  });

  const pgUrl = process.env['TEST_DATABASE_URL'];
  it.skipIf(pgUrl === undefined)('has SQL that runs on a migrated PostgreSQL database (TEST_DATABASE_URL)', async () => {
    const blocks = [...runbook.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
    expect(blocks.length).toBeGreaterThan(3);
    const name = `aq_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(pgUrl ?? '');
    url.pathname = `/${name}`;
    try {
      const migrated = cli(['db', 'migrate', '--json'], { ...process.env, DATABASE_URL: url.toString() });
      expect(migrated.status, migrated.stderr).toBe(0);
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        for (const sql of blocks) {
          // Read-only by rule: the runbook's SQL is for looking; changes go through the CLI.
          for (const statement of sql.replace(/--.*$/gm, '').split(';').map((s) => s.trim()).filter((s) => s !== '')) expect(statement).toMatch(/^SELECT\b/i);
          await expect(client.query(sql), sql).resolves.toBeDefined();
        }
      } finally {
        await client.end();
      }
    } finally {
      // FORCE: a CLI process that was killed may leave a session behind.
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }, 120_000);
});
