import type { ChannelStarter } from '../../src/launcher.js';
import { loadTeamsConfig } from './config.js';
import { TeamsAdapter } from './teams-adapter.js';

/**
 * Teams channel starter for `charte-ia start`: reads the Teams variables, mounts the endpoint on the
 * app's HTTP server (or starts one of its own when the app has none) and returns the adapter (the
 * launcher registers it for proactive messages). TEAMS_ENABLED=false leaves Teams off.
 */
export const startTeams: ChannelStarter = async (app, env) => {
  const config = loadTeamsConfig(env);
  if (!config.enabled) return undefined;
  const adapter = new TeamsAdapter({ config, logger: app.services.logger, kv: app.stores.kv, now: app.services.now, http: app.http });
  await adapter.start(app.bot);
  return adapter;
};

export { TeamsAdapter } from './teams-adapter.js';
export { loadTeamsConfig, type TeamsConfig } from './config.js';
