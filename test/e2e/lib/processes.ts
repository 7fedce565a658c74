// Child processes the harness starts (code-server and everything it spawns, the browser) are
// tracked here and always torn down: on normal completion, on an exception, on Ctrl-C/SIGTERM
// and, as a last resort, synchronously in the 'exit' handler.
import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';

const groups = new Set<number>();
const cleanups: Array<() => Promise<void> | void> = [];
let handlersInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // Negative pid: the whole process group (the child was started detached, so it leads one).
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Spawns a child as the leader of its own process group, so that it and all its descendants can be killed together. */
export function spawnTracked(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  installHandlers();
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid !== undefined) {
    const pid = child.pid;
    groups.add(pid);
    child.once('exit', () => {
      // The leader is gone; make sure nothing it left behind in its group lingers.
      killGroup(pid, 'SIGKILL');
      groups.delete(pid);
    });
  }
  return child;
}

/** Stops a tracked child's process group: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopTracked(child: ChildProcess, graceMs = 3000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    killGroup(pid, 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
  }
  killGroup(pid, 'SIGKILL');
  groups.delete(pid);
}

/** Registers an async clean-up (closing the browser, removing a temp folder) to run on teardown. */
export function onTeardown(cleanup: () => Promise<void> | void): void {
  installHandlers();
  cleanups.push(cleanup);
}

let tearingDown: Promise<void> | undefined;

/** Whether teardown has started (a child exiting then is expected, not an error). */
export function isTearingDown(): boolean {
  return tearingDown !== undefined;
}

/** Runs all registered clean-ups (latest first) and kills every tracked process group. Idempotent. */
export function teardown(): Promise<void> {
  tearingDown ??= (async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await Promise.race([cleanup(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
      } catch (error) {
        console.error(`teardown: ${String(error)}`);
      }
    }
    for (const pid of [...groups]) {
      killGroup(pid, 'SIGTERM');
    }
    await new Promise((resolve) => setTimeout(resolve, groups.size ? 500 : 0));
    for (const pid of [...groups]) {
      killGroup(pid, 'SIGKILL');
      groups.delete(pid);
    }
  })();
  return tearingDown;
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    // `on`, not `once`: Ctrl-C reaches us both from the terminal and relayed by npm/tsx, and a
    // second, unhandled SIGINT would kill us before the clean-up finished.
    process.on(signal, () => {
      if (tearingDown) return;
      console.error(`\nReceived ${signal}: shutting everything down.`);
      void teardown().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
  process.once('exit', () => {
    for (const pid of groups) killGroup(pid, 'SIGKILL');
  });
}
