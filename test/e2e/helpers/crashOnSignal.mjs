// Test-only preload (`node --import <this file>`): writes the process id to $R1_TEST_PID_FILE and throws an
// uncaught exception when the process receives SIGUSR2, so an end-to-end test can crash the real app at a
// moment it chooses. Nothing in src/ knows about it.
import fs from 'node:fs';

if (process.env.R1_TEST_PID_FILE) fs.writeFileSync(process.env.R1_TEST_PID_FILE, String(process.pid));
process.on('SIGUSR2', () => {
  setImmediate(() => {
    throw new Error('injected crash for the end-to-end test');
  });
});
