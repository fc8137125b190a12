import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';

/** Socket.IO through Redis, so several API processes behind one load balancer serve one league. */
export class RedisIoAdapter extends IoAdapter {
  private clients: ReturnType<typeof createClient>[] = [];
  private adapterConstructor?: ReturnType<typeof createAdapter>;

  /** `channel` separates deployments sharing one Redis: processes of one game must agree on it. */
  constructor(
    app: INestApplicationContext,
    private readonly redisUrl: string,
    private readonly channel: string,
  ) {
    super(app);
  }

  async connect(): Promise<void> {
    const pub = createClient({ url: this.redisUrl });
    const sub = pub.duplicate();
    this.clients = [pub, sub];
    await Promise.all([pub.connect(), sub.connect()]);
    this.adapterConstructor = createAdapter(pub, sub, { key: this.channel });
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, options);
    if (this.adapterConstructor) server.adapter(this.adapterConstructor);
    return server;
  }

  override async dispose(): Promise<void> {
    await super.dispose?.();
    await Promise.all(this.clients.map((client) => client.quit().catch(() => undefined)));
  }
}
