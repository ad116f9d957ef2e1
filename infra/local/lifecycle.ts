import { execFileSync } from 'node:child_process';

/** A process's parent and process group, or undefined if it is gone (or `ps` is not there). */
function processInfo(pid: number): { ppid: number; pgid: number } | undefined {
  try {
    const [ppid, pgid] = execFileSync('ps', ['-o', 'ppid=,pgid=', '-p', String(pid)], { encoding: 'utf8' }).trim().split(/\s+/).map(Number);
    return ppid !== undefined && pgid !== undefined ? { ppid, pgid } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process exists (one we may not signal exists all the same). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The processes that launched this one for the same command: the parent, and above it those of
 * the same process group (`npm`, and a shell if the script is not exec'd). npm does not pass every signal
 * on, and nothing passes SIGKILL on: whichever way they end, `onGone` is called. A terminal's shell
 * is another group, so `nohup npm start &` keeps running after the terminal closes.
 */
export function whenLaunchersGone(onGone: () => void, intervalMs = 500): () => void {
  const ownGroup = processInfo(process.pid)?.pgid;
  const watched = [process.ppid];
  for (let pid = process.ppid, depth = 0; ownGroup !== undefined && depth < 8; depth++) {
    const info = processInfo(pid);
    if (!info || info.ppid <= 1 || processInfo(info.ppid)?.pgid !== ownGroup) break;
    watched.push(info.ppid);
    pid = info.ppid;
  }
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent || !watched.every(alive)) {
      clearInterval(timer);
      onGone();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
