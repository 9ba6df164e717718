/** The bench result shapes live with the measuring core in src/session (the TUI runs benches too). */
export type { BenchModelResult, BenchReport, BenchRun, BenchSettings, BenchThink, Spread } from '../session/benchTypes.js';
export { BENCH_THINK_VALUES } from '../session/benchTypes.js';
