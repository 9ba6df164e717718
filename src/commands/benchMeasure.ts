/** The measuring core moved to src/session/benchMeasure.ts (the TUI's compare overlay uses it too). */
export * from '../session/benchMeasure.js';
