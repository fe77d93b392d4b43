import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Starts a TypeScript fixture in a separate Node process, with tsx, from the repository root. */
export function spawnFixture(fixture: string, args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', `tests/store/fixtures/${fixture}`, ...args], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Calls `onLine` for every stdout line; collects stderr for error messages. */
export function watchLines(child: ChildProcessWithoutNullStreams, onLine: (line: string) => void): { stderr: () => string } {
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  createInterface({ input: child.stdout }).on('line', onLine);
  return { stderr: () => stderr };
}

/** Resolves with the exit code and signal once the process has exited and its stdout is drained. */
export function exited(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
}
