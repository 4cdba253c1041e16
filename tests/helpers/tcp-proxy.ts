/**
 * A TCP proxy a test can cut and restore, to partition one client from a server that others still
 * reach (the network fault a shared Redis or database sees when one gateway loses its route).
 * Cut: every open connection is destroyed and new ones are refused (accepted, then reset) until
 * `restore()`; or, with `hang`, accepted and never answered (a server that froze). `freeze()`
 * stops the bytes of the open connections too, leaving them open (a server, or a route, that goes
 * silent mid-query); `thaw()` lets them flow again.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export class TcpProxy {
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  private pairs = new Set<[Socket, Socket]>();
  private cut = false;
  private hang = false;
  port = 0;
  private readonly targetHost: string;
  private readonly targetPort: number;
  constructor(targetHost: string, targetPort: number) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  async start(): Promise<this> {
    this.server = createServer((client) => {
      if (this.cut && this.hang) {
        this.sockets.add(client);
        client.on('close', () => this.sockets.delete(client));
        client.on('error', () => client.destroy());
        return;
      }
      if (this.cut) return void client.resetAndDestroy();
      const upstream = connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      client.on('close', () => this.pairs.delete(pair));
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    return this;
  }

  /** drops every connection and refuses new ones (`hang`: accepts them and never answers) */
  partition(options: { hang?: boolean } = {}): void {
    this.cut = true;
    this.hang = options.hang ?? false;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  restore(): void {
    this.cut = false;
  }

  /** open connections stay open but carry nothing; new ones are accepted and never answered */
  freeze(): void {
    this.cut = true;
    this.hang = true;
    for (const [client, upstream] of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  }

  /** undoes freeze(): what was held back flows on, and new connections are forwarded again */
  thaw(): void {
    this.cut = false;
    this.hang = false;
    for (const [client, upstream] of this.pairs) {
      client.pipe(upstream);
      upstream.pipe(client);
    }
  }

  async stop(): Promise<void> {
    this.partition();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
