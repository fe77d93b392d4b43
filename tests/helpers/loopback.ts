import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The three steps every loopback test server repeats: listen on a free port of 127.0.0.1, tell its
 * base URL, and stop — cutting open keep-alive connections, or `close` would wait for them.
 */

/** Listens on a free port of 127.0.0.1 (`backlog` for load tests) and resolves once bound. */
export async function listenLoopback(server: Server, backlog?: number): Promise<Server> {
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', ...(backlog ? { backlog } : {}) }, () => resolve()));
  return server;
}

/** `http://127.0.0.1:<port>` of a listening server (no trailing slash). */
export function loopbackBase(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Stops listening and cuts every open connection; resolves when the server is closed. */
export async function closeServer(server: Server | undefined): Promise<void> {
  if (!server) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}
