import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // pty end-to-end tests spawn the built CLI; keep parallelism modest on a 2-core box.
    maxWorkers: 2,
  },
});
