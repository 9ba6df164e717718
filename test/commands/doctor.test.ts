import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runDoctor, type DoctorReport } from '../../src/commands/doctor.js';
import { NVIDIA_QUERY_ARGS, parseNvidiaQuery } from '../../src/commands/doctorMachine.js';
import { displayWidth } from '../../src/core/wrap.js';
import { createOllamaClient } from '../../src/backends/ollama/client.js';
import { startFakeOllama, type FakeOllama } from '../fake-ollama/index.js';
import { amdSysRoot, fakeExec, tempDir, testContext, type TestContext } from './helpers.js';

const servers: FakeOllama[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function fake(opts: Parameters<typeof startFakeOllama>[0] = {}): Promise<FakeOllama> {
  const s = await startFakeOllama(opts);
  servers.push(s);
  return s;
}

async function doctorJson(ctx: TestContext, args: string[]): Promise<{ code: number; report: DoctorReport }> {
  const code = await runDoctor([...args, '--json'], ctx);
  return { code, report: JSON.parse(ctx.stdout.text) as DoctorReport };
}

function byId(report: DoctorReport, id: string) {
  const found = report.checks.filter((c) => c.id === id);
  expect(found.length, `check ${id}`).toBeGreaterThan(0);
  return found[0]!;
}

const NVIDIA_KEY = ['nvidia-smi', ...NVIDIA_QUERY_ARGS].join(' ');

describe('r1-tui doctor against a live fake', () => {
  it('passes the Ollama checks and says how the host was resolved', async () => {
    const server = await fake();
    const ctx = testContext({ sysRoot: amdSysRoot(1_000_000_000, 8_589_934_592) });
    const { code, report } = await doctorJson(ctx, ['--host', server.url]);
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.host).toEqual({ url: server.url, source: 'flag', local: true });
    expect(byId(report, 'ollama.reachable')).toMatchObject({ status: 'pass', message: `Ollama reachable at ${server.url} (from --host).` });
    expect(byId(report, 'ollama.version').status).toBe('pass');
    expect(byId(report, 'ollama.version').message).toMatch(/^Ollama 0\.12\.6: separate thinking field, .*think levels, thinking on by default/);
    const models = byId(report, 'ollama.models');
    expect(models.status).toBe('pass');
    expect(models.message).toMatch(/^8 models installed; can think: /);
    expect(models.message).toContain('deepseek-r1:32b');
    expect(models.message).not.toContain('gemma3:4b'); // completion + vision only
    expect(byId(report, 'ollama.loaded').status).toBe('info');
    expect(byId(report, 'gpu')).toMatchObject({ status: 'pass', message: 'GPU: AMD Radeon RX 7600, 8.0 GiB VRAM (0.9 GiB used) (amdgpu sysfs).' });
    expect(byId(report, 'ram')).toMatchObject({ status: 'pass', message: 'RAM: 22.9 GiB available of 61.0 GiB.' });
    expect(byId(report, 'terminal.locale').status).toBe('pass');
    expect(byId(report, 'terminal.colour')).toMatchObject({ status: 'pass', message: '256 colour (TERM=xterm-256color).' });
    expect(byId(report, 'dirs.data').status).toBe('pass');
    expect(Object.keys(report).sort()).toEqual(['checks', 'command', 'host', 'ok', 'summary']);
    for (const c of report.checks) {
      expect(Object.keys(c).every((k) => ['id', 'status', 'message', 'fix'].includes(k))).toBe(true);
      if (c.status === 'warn' || c.status === 'fail') expect(c.fix, c.id).toBeTruthy();
    }
    const total = report.summary.pass + report.summary.warn + report.summary.fail + report.summary.info;
    expect(total).toBe(report.checks.length);
  });

  it('reports loaded models with the ps label and warns when one is mostly on the CPU', async () => {
    const server = await fake();
    const api = createOllamaClient(server.url);
    await api.load('deepseek-r1:70b');
    await api.load('deepseek-r1:8b');
    const ctx = testContext();
    const { code, report } = await doctorJson(ctx, ['--host', server.url]);
    expect(code).toBe(0); // a warning does not fail
    const loaded = report.checks.filter((c) => c.id === 'ollama.loaded');
    const big = loaded.find((c) => c.message.includes('deepseek-r1:70b'))!;
    expect(big.status).toBe('warn');
    expect(big.message).toBe('Loaded: deepseek-r1:70b, 45 GB, 82%/18% CPU/GPU, context 4096. Mostly on the CPU: expect slow generation.');
    const small = loaded.find((c) => c.message.includes('deepseek-r1:8b'))!;
    expect(small).toMatchObject({ status: 'pass', message: 'Loaded: deepseek-r1:8b, 6.9 GB, 100% GPU, context 4096.' });
  });

  it('explains what an old server lacks', async () => {
    const server = await fake({ version: '0.9.0' });
    const { report } = await doctorJson(testContext(), ['--host', server.url]);
    const v = byId(report, 'ollama.version');
    expect(v.status).toBe('warn');
    expect(v.message).toBe('Ollama 0.9.0 lacks: context length in /api/ps (0.10.0+), think levels (0.11.0+), thinking on by default (0.12.4+).');
    expect(v.fix).toMatch(/Upgrade Ollama/);
  });

  it('takes the host from OLLAMA_HOST and says so', async () => {
    const server = await fake();
    const ctx = testContext();
    ctx.env.OLLAMA_HOST = `127.0.0.1:${server.port}`;
    const { report } = await doctorJson(ctx, []);
    expect(byId(report, 'ollama.reachable').message).toBe(`Ollama reachable at ${server.url} (from OLLAMA_HOST=127.0.0.1:${server.port}).`);
  });

  it('human output: pass/WARN/FAIL tags, fix lines, every row within 80 columns', async () => {
    const server = await fake();
    const ctx = testContext({ env: { ...testContext().env, LANG: 'C', TMUX: '/tmp/tmux-0/default,1,0' } });
    ctx.exec = fakeExec({ 'tmux show -gv set-clipboard': { code: 0, stdout: 'external\n', stderr: '' } });
    const code = await runDoctor(['--host', server.url], ctx);
    expect(code).toBe(0);
    const lines = ctx.stdout.text.split('\n');
    expect(lines[0]).toBe('r1-tui doctor');
    expect(lines).toContain(` pass  Ollama reachable at ${server.url} (from --host).`);
    expect(ctx.stdout.text).toMatch(/^ WARN {2}Locale is not UTF-8 \(LANG=C\)/m);
    expect(ctx.stdout.text).toMatch(/^ {7}fix: export LANG=C\.UTF-8/m);
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    expect(lines.at(-2)).toMatch(/^\d+ passed · \d+ warnings · 0 failed/);
  });
});

describe('r1-tui doctor when things are wrong', () => {
  it('a dead host fails with a fix and exit code 1', async () => {
    const server = await fake();
    const url = server.url;
    await server.close();
    servers.length = 0;
    const ctx = testContext();
    const { code, report } = await doctorJson(ctx, ['--host', url]);
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    const r = byId(report, 'ollama.reachable');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(`Cannot reach Ollama at ${url} (from --host).`);
    expect(r.fix).toMatch(/ollama serve/);
    expect(report.checks.some((c) => c.id === 'ollama.models')).toBe(false);
    expect(report.summary.fail).toBe(1);
  });

  it('human output for a dead host says FAIL and exits 1', async () => {
    const ctx = testContext();
    const code = await runDoctor(['--host', 'http://127.0.0.1:9'], ctx);
    expect(code).toBe(1);
    expect(ctx.stdout.text).toContain(' FAIL  Cannot reach Ollama at http://127.0.0.1:9 (from --host).');
    expect(ctx.stdout.text).toContain('· 1 failed');
  });

  it('no GPU: nvidia-smi missing and no amdgpu sysfs', async () => {
    const calls: string[] = [];
    const ctx = testContext({ exec: fakeExec({}, calls) });
    const { report } = await doctorJson(ctx, ['--host', 'http://127.0.0.1:9']);
    expect(calls).toContain(NVIDIA_KEY);
    expect(byId(report, 'gpu')).toMatchObject({ status: 'warn', message: 'GPU: none found (no nvidia-smi, no amdgpu); models run on the CPU only.' });
  });

  describe.each([
    {
      name: 'Apple Silicon',
      platform: 'darwin',
      arch: 'arm64',
      gpu: { status: 'pass', message: 'GPU: Apple Silicon, unified memory: the GPU (Metal) shares the 16.0 GiB of RAM; no separate VRAM.' },
      nvidia: false,
    },
    { name: 'an Intel Mac', platform: 'darwin', arch: 'x64', gpu: { status: 'info', message: 'GPU: Intel Mac: GPU memory is not measured (no nvidia-smi or amdgpu on macOS).' }, nvidia: false },
    {
      name: 'Windows without NVIDIA',
      platform: 'win32',
      arch: 'x64',
      gpu: { status: 'info', message: 'GPU: no NVIDIA GPU found (no nvidia-smi); AMD and Intel GPUs are not measured on this OS.' },
      nvidia: true,
    },
  ] as const)('on $name', ({ platform, arch, gpu, nvidia }) => {
    const GiB = 2 ** 30;
    const os = { totalmem: () => 16 * GiB, freemem: () => 1 * GiB, cpus: () => [] };
    it('the GPU check says what is known there, the RAM check uses the os figures', async () => {
      const calls: string[] = [];
      const ctx = testContext({ exec: fakeExec({}, calls), platform, arch, os });
      const { report } = await doctorJson(ctx, ['--host', 'http://127.0.0.1:9']);
      expect(byId(report, 'gpu')).toMatchObject(gpu);
      expect(calls.includes(NVIDIA_KEY)).toBe(nvidia);
      const ram = byId(report, 'ram');
      if (platform === 'darwin') {
        // free pages are not "available" on macOS: no low-memory warning from them
        expect(ram).toMatchObject({ status: 'pass', message: 'RAM: 16.0 GiB, 1.0 GiB in free pages (macOS also reuses its file cache, so more is usable).' });
      } else {
        expect(ram).toMatchObject({ status: 'warn', message: 'RAM: 1.0 GiB available of 16.0 GiB.' });
      }
    });
  });

  it('an NVIDIA GPU from one nvidia-smi query', async () => {
    const ctx = testContext({
      exec: fakeExec({ [NVIDIA_KEY]: { code: 0, stdout: 'NVIDIA GeForce RTX 3070, 8192, 512, 550.54.14\n', stderr: '' } }),
    });
    const { report } = await doctorJson(ctx, ['--host', 'http://127.0.0.1:9']);
    expect(byId(report, 'gpu')).toMatchObject({
      status: 'pass',
      message: 'GPU: NVIDIA NVIDIA GeForce RTX 3070, 8.0 GiB VRAM (0.5 GiB used); driver 550.54.14 (nvidia-smi found).',
    });
  });

  it('nvidia-smi present but failing is a warning with the tool output', async () => {
    const ctx = testContext({
      exec: fakeExec({ [NVIDIA_KEY]: { code: 9, stdout: '', stderr: "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n" } }),
    });
    const { report } = await doctorJson(ctx, ['--host', 'http://127.0.0.1:9']);
    expect(byId(report, 'gpu').status).toBe('warn');
    expect(byId(report, 'gpu').message).toContain("couldn't communicate with the NVIDIA driver");
  });

  it('a remote host: GPU and RAM not checked, no nvidia-smi call', async () => {
    const calls: string[] = [];
    const ctx = testContext({ exec: fakeExec({}, calls), isLocal: () => false });
    const { report } = await doctorJson(ctx, ['--host', 'http://10.9.9.9:9']);
    expect(byId(report, 'gpu')).toMatchObject({ status: 'info', message: 'GPU: remote host: not checked (Ollama runs on another machine).' });
    expect(byId(report, 'ram').message).toBe('RAM: remote host: not checked.');
    expect(calls).not.toContain(NVIDIA_KEY);
  }, 20_000);

  it('no UTF-8 locale: LC_ALL wins over LANG', async () => {
    const ctx = testContext();
    ctx.env.LC_ALL = 'POSIX';
    const { report } = await doctorJson(ctx, ['--host', 'http://127.0.0.1:9']);
    const l = byId(report, 'terminal.locale');
    expect(l.status).toBe('warn');
    expect(l.message).toBe('Locale is not UTF-8 (LC_ALL=POSIX): borders, CJK and emoji may show as garbage.');
    expect(l.fix).toBe('export LANG=C.UTF-8 (or en_US.UTF-8) before starting r1-tui.');
  });

  it('tmux without set-clipboard/passthrough: warns with the exact fix', async () => {
    const calls: string[] = [];
    const ctx = testContext({
      exec: fakeExec(
        {
          'tmux show -gv set-clipboard': { code: 0, stdout: 'external\n', stderr: '' },
          'tmux show -gv allow-passthrough': { code: 0, stdout: 'off\n', stderr: '' },
        },
        calls,
      ),
    });
    ctx.env.TMUX = '/tmp/tmux-1000/default,1234,0';
    ctx.env.SSH_CONNECTION = '10.0.0.2 50000 10.0.0.5 22';
    const { report } = await doctorJson(ctx, ['--host', 'http://127.0.0.1:9']);
    const c = byId(report, 'clipboard');
    expect(c.status).toBe('warn');
    expect(c.message).toContain('set-clipboard external, allow-passthrough off');
    expect(c.fix).toMatch(/^tmux set -g set-clipboard on/);
    expect(calls.filter((k) => k.startsWith('tmux'))).toEqual(['tmux show -gv set-clipboard', 'tmux show -gv allow-passthrough']);
    expect(byId(report, 'terminal.session').message).toBe('Running inside tmux, over SSH from 10.0.0.2.');
  });

  it('tmux with set-clipboard on passes', async () => {
    const ctx = testContext({
      exec: fakeExec({
        'tmux show -gv set-clipboard': { code: 0, stdout: 'on\n', stderr: '' },
        'tmux show -gv allow-passthrough': { code: 0, stdout: 'on\n', stderr: '' },
      }),
    });
    ctx.env.TMUX = '/tmp/tmux-1000/default,1234,0';
    const { report } = await doctorJson(ctx, ['--host', 'http://127.0.0.1:9']);
    expect(byId(report, 'clipboard')).toMatchObject({ status: 'pass', message: 'Copy (OSC 52) goes through tmux to your terminal (set-clipboard on, allow-passthrough on).' });
  });

  it('16 colours, no TERM, small terminal', async () => {
    const ctx = testContext();
    ctx.env.TERM = '';
    ctx.stdout.isTTY = true;
    ctx.stdout.columns = 70;
    ctx.stdout.rows = 20;
    const { report } = await doctorJson(ctx, ['--host', 'http://127.0.0.1:9']);
    expect(byId(report, 'terminal.term')).toMatchObject({ status: 'warn', message: 'TERM is not set.' });
    expect(byId(report, 'terminal.colour').status).toBe('warn');
    expect(byId(report, 'terminal.size')).toMatchObject({ status: 'warn', message: 'Terminal is 70x20, smaller than 80x24.' });
  });

  it('a data dir that cannot be created fails', async () => {
    const ctx = testContext();
    const file = path.join(tempDir('r1-cmd-file-'), 'not-a-dir');
    fs.writeFileSync(file, 'x');
    ctx.env.XDG_DATA_HOME = file;
    const { code, report } = await doctorJson(ctx, ['--host', 'http://127.0.0.1:9']);
    expect(code).toBe(1);
    expect(byId(report, 'dirs.data')).toMatchObject({ status: 'fail', message: `Data dir ${file}/r1-tui: ${file} is not a directory.` });
  });

  it('bad flags: one-line error, exit 2', async () => {
    const ctx = testContext();
    expect(await runDoctor(['--hots', 'x'], ctx)).toBe(2);
    expect(ctx.stderr.text).toBe("r1-tui doctor: unknown flag '--hots' for 'r1-tui doctor'\n");
    const ctx2 = testContext();
    expect(await runDoctor(['--host'], ctx2)).toBe(2);
    expect(ctx2.stderr.text).toBe('r1-tui doctor: --host needs a value\n');
    const ctx3 = testContext();
    expect(await runDoctor(['--json=1'], ctx3)).toBe(2);
  });

  it('a garbage --host is a failing check', async () => {
    const { code, report } = await doctorJson(testContext(), ['--host', 'ftp://x']);
    expect(code).toBe(1);
    expect(byId(report, 'ollama.host').status).toBe('fail');
  });
});

describe('parseNvidiaQuery', () => {
  it('parses MiB values, [N/A] and names with commas', () => {
    expect(parseNvidiaQuery('Tesla T4, 15360, [N/A], 535.1\nGPU, with comma, 8192, 100, 550\n')).toEqual([
      { name: 'Tesla T4', totalBytes: 15360 * 2 ** 20, usedBytes: null, driver: '535.1' },
      { name: 'GPU, with comma', totalBytes: 8192 * 2 ** 20, usedBytes: 100 * 2 ** 20, driver: '550' },
    ]);
  });
});
