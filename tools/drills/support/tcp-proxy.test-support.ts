// A TCP proxy a drill controls, in front of PostgreSQL or RabbitMQ (there is no toxiproxy here). Three states:
// `open` passes bytes both ways; `refuse` drops every open connection and closes the listener (a connect gets
// ECONNREFUSED: a server that is down); `blackhole` drops every open connection but keeps accepting new ones and never
// answers them (a partition or a dropping firewall: the nasty case, where only the client's own timeouts help).
import { connect, createServer, type Server, type Socket } from 'node:net';

export type ProxyState = 'open' | 'refuse' | 'blackhole';

export type TcpProxy = {
  readonly port: number;
  readonly state: ProxyState;
  /** Connections accepted while open (a reconnecting client shows up here). */
  readonly accepted: number;
  /** Connections swallowed while blackholed. */
  readonly swallowed: number;
  cut(mode: 'refuse' | 'blackhole'): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
};

/** `url` with its host and port replaced by the proxy's. */
export function viaProxy(url: string, proxy: TcpProxy): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(proxy.port);
  return u.toString();
}

export async function startTcpProxy(target: { readonly host: string; readonly port: number }): Promise<TcpProxy> {
  let state: ProxyState = 'open';
  let accepted = 0;
  let swallowed = 0;
  const piped = new Set<Socket>();
  const held = new Set<Socket>();

  const onConnection = (client: Socket): void => {
    if (state === 'blackhole') {
      // Accepted by the kernel, then silence: no bytes either way until the client gives up or the drill restores.
      swallowed += 1;
      held.add(client);
      client.on('close', () => held.delete(client));
      client.on('error', () => client.destroy());
      return;
    }
    accepted += 1;
    const upstream = connect(target.port, target.host);
    for (const s of [client, upstream]) {
      piped.add(s);
      s.on('close', () => piped.delete(s));
      // A reset on one side ends the other: that is what a cut is meant to cause.
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  };

  let server: Server | null = null;
  let port = 0;
  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const s = createServer(onConnection);
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        s.off('error', reject);
        const address = s.address();
        if (typeof address === 'object' && address !== null) port = address.port;
        server = s;
        resolve();
      });
    });
  const unlisten = (): Promise<void> =>
    new Promise((resolve) => {
      const s = server;
      server = null;
      if (s === null) return resolve();
      s.close(() => resolve());
    });
  const drop = (sockets: Set<Socket>): void => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };

  await listen();
  return {
    get port() {
      return port;
    },
    get state() {
      return state;
    },
    get accepted() {
      return accepted;
    },
    get swallowed() {
      return swallowed;
    },
    async cut(mode) {
      state = mode;
      if (mode === 'refuse') {
        const closing = unlisten();
        drop(piped);
        await closing;
      } else {
        if (server === null) await listen();
        drop(piped);
      }
    },
    async restore() {
      state = 'open';
      drop(held);
      if (server === null) await listen();
    },
    async close() {
      const closing = unlisten();
      drop(piped);
      drop(held);
      await closing;
    },
  };
}
