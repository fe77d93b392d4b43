import { fileURLToPath } from 'node:url';
import { createApp, type App } from '../../src/app.js';
import { silentLogger } from '../../src/logger.js';
import { loadSettings, startService, type Service } from '../../src/launcher.js';
import type { HttpServer } from '../../src/ops/http-server.js';

export const TEAMS_DIRECTORY = fileURLToPath(new URL('../teams/fixtures/directory.yaml', import.meta.url));

/** `charte-ia start` in this process (no signal handlers): port 0, in-memory SQLite, no console. */
export async function startTestService(
  env: Record<string, string> = {},
  opts: { directoryFile?: string; databasePath?: string; knowledgeDir?: string; beforeApp?: (base: string) => Promise<void> } = {},
): Promise<{ service: Service; base: string }> {
  const settings = loadSettings({ HTTP_PORT: '0', HTTP_HOST: '127.0.0.1', KNOWLEDGE_WATCH: 'false', ...env });
  const service = await startService({
    settings,
    logger: silentLogger(),
    console: false,
    env,
    createApp: async (extra): Promise<App> => {
      await opts.beforeApp?.(`http://127.0.0.1:${(extra.http as HttpServer).address()!.port}`);
      return createApp({ ...extra, watch: false, databasePath: opts.databasePath ?? ':memory:', directoryFile: opts.directoryFile ?? TEAMS_DIRECTORY, knowledgeDir: opts.knowledgeDir });
    },
  });
  const { port } = service.http.address()!;
  return { service, base: `http://127.0.0.1:${port}` };
}

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?(?:\d+(?:\.\d*)?(?:e[+-]?\d+)?|\.\d+)|NaN|\+Inf|-Inf)(?: -?\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/gy;

/** Parses the Prometheus text exposition format strictly: a line that does not fit throws. */
export function parsePrometheus(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    if (line.startsWith('# HELP ')) continue;
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types.set(type[1]!, type[2]!);
      continue;
    }
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not Prometheus text: ${line}`);
    const labels: Record<string, string> = {};
    if (m[2]) {
      LABEL.lastIndex = 0;
      let consumed = 0;
      for (let l = LABEL.exec(m[2]); l; l = LABEL.exec(m[2])) {
        labels[l[1]!] = l[2]!;
        consumed = LABEL.lastIndex;
      }
      if (consumed !== m[2].length) throw new Error(`bad labels: ${line}`);
    }
    samples.push({ name: m[1]!, labels, value: Number(m[3]!.replace('+Inf', 'Infinity').replace('-Inf', '-Infinity')) });
  }
  return { samples, types };
}

/** The value of one sample (undefined when absent). */
export function sample(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}
