// The stub crew service (tools/crew-stub/crew-stub.mjs) as a child process, exactly as a developer runs it, plus the
// calls of its control surface that tests need.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const STUB = fileURLToPath(new URL('../../../../tools/crew-stub/crew-stub.mjs', import.meta.url));

export type StubBehaviour = {
  readonly mode: 'ok' | 'fail' | 'reject' | 'slow';
  readonly status?: number;
  readonly delayMs?: number;
  /** Only the next `times` API calls behave so; then the stub is healthy again. */
  readonly times?: number;
};
export type StubCall = { readonly method: string; readonly path: string; readonly authorization: string | null; readonly body: string | null };

export type CrewStub = {
  readonly url: string;
  behave(b: StubBehaviour): Promise<void>;
  calls(): Promise<StubCall[]>;
  reset(): Promise<void>;
  stop(): Promise<void>;
};

export async function startCrewStub(args: readonly string[] = []): Promise<CrewStub> {
  const child = spawn(process.execPath, [STUB, '--port', '0', '--host', '127.0.0.1', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await listeningUrl(child);
  const control = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const res = await fetch(`${url}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`crew stub refused ${method} ${path}: ${res.status} ${await res.text()}`);
    return res;
  };
  return {
    url,
    behave: async (b) => void (await control('POST', '/_stub/behaviour', b)),
    calls: async () => (await (await control('GET', '/_stub/calls')).json()) as StubCall[],
    reset: async () => void (await control('POST', '/_stub/reset')),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function listeningUrl(child: ChildProcess): Promise<string> {
  let seen = '';
  return new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`crew stub exited (${code}) before listening: ${seen}`)));
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      seen += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(seen);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
  });
}
