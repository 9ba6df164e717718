#!/usr/bin/env node
// Published entry point. React's development build leaks memory under Ink 6.8 (react#35761),
// so production mode is forced before React is loaded.
process.env.NODE_ENV ??= 'production';
if (process.env.NODE_ENV !== 'production' && process.env.R1_TUI_DEV !== '1') process.env.NODE_ENV = 'production';
await import('../dist/cli.js');
