import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    // Code under test logs through src/system/log.ts; keep it out of the user's ~/.local/state.
    env: { R1_TUI_LOG: join(tmpdir(), 'r1-tui-test.log') },
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // pty end-to-end tests spawn the built CLI; keep parallelism modest on a 2-core box.
    maxWorkers: 2,
  },
});
