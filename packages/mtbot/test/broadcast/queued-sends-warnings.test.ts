import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..', '..', '..');

describe('Broadcast with many queued sends (in a child process, where Node warnings are seen)', () => {
  it('raises no MaxListenersExceededWarning for 100 queued sends, and the abort still takes them back', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'tools', 'run-ts.js'), join(__dirname, 'queued-sends-warnings.ts')],
      { cwd: ROOT, timeout: 20_000 },
    );
    const outcome = JSON.parse(stdout.trim()) as {
      queued: number;
      sent: number;
      failed: number;
      aborted: boolean;
      left: number;
      broadcastWarnings: string[];
      controlWarnings: string[];
    };
    expect(outcome).toMatchObject({ queued: 99, sent: 1, failed: 99, aborted: true, left: 0 });
    expect(outcome.broadcastWarnings).not.toContain('MaxListenersExceededWarning');
    // The control (100 sends on one signal straight into the scheduler) shows the check would see it.
    expect(outcome.controlWarnings).toContain('MaxListenersExceededWarning');
  });
});
