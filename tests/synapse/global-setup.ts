import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Global set-up of `npm run test:synapse`: a fresh homeserver database on the already built sid
 * root (scripts/synapse-local.sh build), Synapse started on 127.0.0.1:8008, the test users
 * registered and logged in once each (tokens in .synapse/users.json). Stopped cleanly at the end.
 */

const SCRIPT = fileURLToPath(new URL('../../scripts/synapse-local.sh', import.meta.url));

function run(cmd: string): void {
  execFileSync(SCRIPT, [cmd], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 180_000 });
}

export default function setup(): () => void {
  const status = execFileSync(SCRIPT, ['status'], { encoding: 'utf8' });
  if (!/^root: matrix-synapse/m.test(status)) {
    throw new Error('The local Synapse root is not built: run `scripts/synapse-local.sh build` first (needs root, debootstrap and a Debian mirror).');
  }
  const started = Date.now();
  if (!process.env.SYNAPSE_KEEP_DATA) run('reset');
  run('start');
  run('register');
  process.stderr.write(`synapse e2e: homeserver ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return () => run('stop');
}
