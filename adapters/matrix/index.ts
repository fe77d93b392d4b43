import type { App } from '../../src/app.js';
import type { ChannelAdapter } from '../../src/types.js';
import { loadMatrixConfig } from './config.js';
import { MatrixAdapter, type MatrixAdapterOptions } from './adapter.js';

export { MatrixAdapter } from './adapter.js';
export { loadMatrixConfig, type MatrixConfig } from './config.js';

/**
 * Channel starter for the launcher: returns undefined while MATRIX_HOMESERVER_URL is unset.
 * The adapter is registered for proactive messages before it starts syncing, so an answer to an
 * event received during start-up can already be routed.
 */
export async function startMatrix(app: App, env: Record<string, string | undefined>, options: MatrixAdapterOptions = {}): Promise<ChannelAdapter | undefined> {
  const config = loadMatrixConfig(env);
  if (!config) return undefined;
  const adapter = new MatrixAdapter(
    config,
    {
      kv: app.stores.kv,
      lease: app.coordinator,
      logger: app.services.logger.child({ channel: 'matrix' }),
      ambassadorRooms: () =>
        app.knowledge
          .current()
          .directory.allScopes()
          .map((s) => s.rooms.matrix)
          .filter((r): r is string => !!r),
    },
    {
      stopGraceMs: app.services.config.SHUTDOWN_GRACE_SECONDS * 1000,
      onDrop: (kind) => app.metrics.outgoingDropped('matrix', kind),
      ...options,
    },
  );
  app.router.register(adapter);
  await adapter.start(app.bot);
  return adapter;
}
