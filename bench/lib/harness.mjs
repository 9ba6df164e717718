// Loads the pty harness (test/e2e/helpers/pty.ts) from plain .mjs: the file is self-contained, so it is
// transpiled on the fly with the project's TypeScript into node_modules/.cache (where package imports resolve).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function loadHarness() {
  const source = path.join(root, 'test', 'e2e', 'helpers', 'pty.ts');
  const outDir = path.join(root, 'node_modules', '.cache', 'r1-tui-bench');
  const out = path.join(outDir, 'pty.mjs');
  const text = fs.readFileSync(source, 'utf8');
  const { outputText } = ts.transpileModule(text, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
    fileName: 'pty.ts',
  });
  fs.mkdirSync(outDir, { recursive: true });
  if (!fs.existsSync(out) || fs.readFileSync(out, 'utf8') !== outputText) fs.writeFileSync(out, outputText);
  return import(pathToFileURL(out).href);
}

export const repoRoot = root;
