/**
 * A TCP proxy in front of RabbitMQ for fault injection: cut every connection going through it
 * (a network failure, as the client sees it) or refuse new ones for a while (a broker that is
 * down), without touching the real broker that other suites share.
 */
import net from 'node:net';

export class FaultProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private accepting = true;
  /** Client connections accepted so far. */
  connections = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  /** Starts listening on a free loopback port; returns the port. */
  start(): Promise<number> {
    const server = net.createServer((client) => {
      if (!this.accepting) {
        client.destroy();
        return;
      }
      this.connections++;
      const upstream = net.connect(this.target);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    this.server = server;
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
  }

  /** Cuts every open connection abruptly (RST), like a network failure. */
  cutAll(): void {
    for (const s of this.sockets) s.resetAndDestroy();
  }

  /** While false, new connections are dropped at once (the broker looks down). */
  setAccepting(accepting: boolean): void {
    this.accepting = accepting;
  }

  async stop(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** `amqp://user:pass@host:PORT/vhost` with the port replaced. */
export function viaPort(url: string, port: number): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(port);
  return u.toString();
}
