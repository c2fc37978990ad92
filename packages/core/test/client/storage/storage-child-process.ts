// A FileStorage in a process of its own, for the storage tests (run through tools/run-ts.js). It reads
// commands from stdin, one a line, and answers each with one JSON line on stdout:
//   open [timeoutMs]  -> {"opened":true,"pid":...} or {"error":"<reason>","message":"..."}
//   set <number>      -> stores timeOffset = number and a filler entry sized by it; {"set":number}
//   close             -> closes the storage; {"closed":true}
//   exit              -> exits at once without closing (the exit hook must release the lock)
// With a crash step as second argument, the process kills itself with SIGKILL at that step of the next
// write, leaving the disk as a crash at that moment would.
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { FileStorage } from '../../../src/client/storage/node/file-storage';
import {
  nodeFileStorageFileSystem,
  type FileStorageFileSystem,
} from '../../../src/client/storage/node/file-storage-file-system';
import { SessionStorageKeys } from '../../../src/client/storage/session-storage-keys';
import { StorageError } from '../../../src/errors/storage-error';
import { CRASH_STEPS, fillerFor, fillerKey, type CrashStep } from './crash-steps';

const [path, crashStep] = process.argv.slice(2) as [string, CrashStep | undefined];
if (crashStep !== undefined && !CRASH_STEPS.includes(crashStep)) throw new Error(`unknown step ${crashStep}`);

function die(): never {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
}

/** The real file system with a SIGKILL at `step`. */
function crashingFileSystem(step: CrashStep): FileStorageFileSystem {
  return {
    ...nodeFileStorageFileSystem,
    async writeNewFileDurably(file, data, mode) {
      if (step === 'temp-partly-written' || step === 'temp-written-not-synced') {
        const handle = await open(file, 'wx', mode);
        await handle.write(step === 'temp-partly-written' ? data.subarray(0, data.length >> 1) : data);
        die();
      }
      await nodeFileStorageFileSystem.writeNewFileDurably(file, data, mode);
      if (step === 'temp-synced') die();
    },
    async rename(from, to) {
      await nodeFileStorageFileSystem.rename(from, to);
      if (step === 'renamed') die();
    },
    async syncDirectory(directory) {
      await nodeFileStorageFileSystem.syncDirectory(directory);
      if (step === 'directory-synced') die();
    },
  };
}

let storage: FileStorage | undefined;

async function run(command: string, argument: string | undefined): Promise<unknown> {
  switch (command) {
    case 'open':
      try {
        storage = await FileStorage.open(path, {
          fileSystem: crashStep === undefined ? undefined : crashingFileSystem(crashStep),
          lock: { timeoutMs: Number(argument ?? 0), onStaleLock: () => undefined },
        });
        return { opened: true, pid: process.pid };
      } catch (error) {
        if (!StorageError.isInstance(error)) throw error;
        return { error: error.reason, message: error.message };
      }
    case 'set': {
      const value = Number(argument);
      await storage!.setMany([
        { key: SessionStorageKeys.timeOffset, value },
        { key: fillerKey, value: fillerFor(value) },
      ]);
      return { set: value };
    }
    case 'close':
      await storage!.close();
      return { closed: true };
    case 'exit':
      process.exit(0);
  }
  throw new Error(`unknown command ${command}`);
}

const lines = createInterface({ input: process.stdin });
process.stdout.write(`${JSON.stringify({ ready: true, pid: process.pid })}\n`);
void (async () => {
  for await (const line of lines) {
    const [command, argument] = line.trim().split(/\s+/);
    process.stdout.write(`${JSON.stringify(await run(command!, argument))}\n`);
  }
  process.exit(0);
})();
