// A TCP load balancer in front of the API processes, as a cloud load balancer or nginx would be:
// new connections go round-robin to the backends that accept them; a backend that refuses is
// skipped (and rested for a second), so a dead API process costs only its in-flight requests.
import net from 'node:net';

export interface Balancer {
  port: number;
  stop(): Promise<void>;
}

export async function startBalancer(opts: { port: number; host?: string; backends: () => number[] }): Promise<Balancer> {
  const resting = new Map<number, number>();
  let next = 0;
  const sockets = new Set<net.Socket>();

  const connect = (client: net.Socket, tried: Set<number>) => {
    const all = opts.backends();
    const candidates = all.filter((p) => !tried.has(p) && (resting.get(p) ?? 0) < Date.now());
    const pool = candidates.length ? candidates : all.filter((p) => !tried.has(p));
    if (pool.length === 0) return client.destroy();
    const port = pool[next++ % pool.length];
    tried.add(port);
    const upstream = net.connect({ port, host: '127.0.0.1' });
    sockets.add(upstream);
    upstream.once('close', () => sockets.delete(upstream));
    upstream.once('connect', () => {
      upstream.removeAllListeners('error');
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
    upstream.once('error', () => {
      resting.set(port, Date.now() + 1000);
      connect(client, tried);
    });
  };

  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.on('error', () => {});
    connect(client, new Set());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    stop: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
