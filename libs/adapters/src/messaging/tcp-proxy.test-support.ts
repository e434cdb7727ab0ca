// A TCP proxy a test controls, to cut a client off its server (a broker outage as the client sees it) and heal it.
import { createServer, connect, type Server, type Socket } from 'node:net';

export type TcpProxy = {
  /** `host:port` of the proxy; give clients a URL with this in place of the server's. */
  readonly address: string;
  /** Connections accepted so far (a reconnecting client shows up here). */
  readonly accepted: number;
  /** Drops every open connection and refuses new ones (the listener is closed: connect gets ECONNREFUSED). */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  heal(): Promise<void>;
  /** Stops passing the server's bytes to clients (a broker that went silent: no confirms, no heartbeats). */
  silence(): void;
  /** Passes them again, including what was held back. */
  resume(): void;
  close(): Promise<void>;
};

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const upstreams = new Set<Socket>();
  let silent = false;
  let accepted = 0;
  const makeServer = (): Server =>
    createServer((client) => {
      accepted += 1;
      const upstream = connect(target.port, target.host);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        // A reset on one side ends the other; the error itself is what a cut is meant to cause.
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      upstreams.add(upstream);
      upstream.on('close', () => upstreams.delete(upstream));
      client.pipe(upstream);
      upstream.pipe(client);
      if (silent) upstream.pause();
    });
  let server = makeServer();
  const port = await listen(server, 0);
  let listening = true;

  const closeServer = (): Promise<void> =>
    new Promise((resolve) => {
      if (!listening) return resolve();
      listening = false;
      server.close(() => resolve());
    });
  const dropAll = (): void => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };

  return {
    address: `127.0.0.1:${port}`,
    get accepted() {
      return accepted;
    },
    async cut() {
      const closed = closeServer();
      dropAll();
      await closed;
    },
    silence() {
      silent = true;
      for (const u of upstreams) u.pause();
    },
    resume() {
      silent = false;
      for (const u of upstreams) u.resume();
    },
    async heal() {
      if (listening) return;
      server = makeServer();
      await listen(server, port);
      listening = true;
    },
    async close() {
      const closed = closeServer();
      dropAll();
      await closed;
    },
  };
}

/** The URL with its host and port replaced by the proxy's. */
export function viaProxy(url: string, proxy: TcpProxy): string {
  const u = new URL(url);
  u.host = proxy.address;
  return u.toString();
}
