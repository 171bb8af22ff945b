// A lock file beside a file that several processes on one machine read and write (the
// rate ledger): taken by creating it exclusively, holding the holder's pid.
import * as fs from "node:fs";

// The lock is held for a read and a write of a small file, a millisecond or so. A lock
// older than this belongs to a process that died holding it.
const STALE_LOCK_MS = 5_000;
export const LOCK_RETRY_MS = 2;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, owned by someone else.
    return (err as { code?: unknown }).code === "EPERM";
  }
}

/** Runs `work` holding the lock at `lock`, waiting for (or breaking a dead holder's) lock first. */
export async function withFileLock<T>(lock: string, work: () => T): Promise<T> {
  await takeLock(lock);
  try {
    return work();
  } finally {
    try {
      fs.unlinkSync(lock);
    } catch {
      // Broken as stale by another process: nothing to release.
    }
  }
}

async function takeLock(lock: string): Promise<void> {
  for (;;) {
    try {
      const fd = fs.openSync(lock, "wx");
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return;
    } catch (err) {
      if ((err as { code?: unknown }).code !== "EEXIST") throw err;
    }
    breakIfStale(lock);
    await sleep(LOCK_RETRY_MS);
  }
}

// A lock whose holder is gone, or held far longer than a read and a write take, is
// removed. Two processes breaking the same lock at once could let a third in beside a
// holder: that can overrun the budget by a request, which a 429 then waits out.
function breakIfStale(lock: string): void {
  try {
    const st = fs.statSync(lock);
    const pid = Number(fs.readFileSync(lock, "utf8"));
    const dead = Number.isInteger(pid) && pid > 0 && !pidAlive(pid);
    if (dead || Date.now() - st.mtimeMs > STALE_LOCK_MS) fs.unlinkSync(lock);
  } catch {
    // Released meanwhile.
  }
}
