import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { AppStore } from '../../../src/session/store.js';
import type { HostsState } from '../../../src/session/hostsTypes.js';
import type { HostActions } from '../../../src/session/types.js';
import { displayWidth } from '../../../src/core/wrap.js';
import { App } from '../../../src/ui/shell/App.js';
import { connectedState, fakeActions, KEYS, ticks, waitFor } from '../helpers.js';

const ALT_H = '\u001Bh';

const HOSTS: HostsState = {
  current: 'gpu-box',
  open: false,
  entries: [
    {
      name: 'gpu-box', url: 'http://10.0.0.5:11434', source: 'flag', kind: 'ollama', version: '0.12.6', label: 'Ollama 0.12.6', health: 'ok',
      models: [
        { name: 'deepseek-r1:32b', loaded: true, size: 21943566336, sizeVram: 11401775104, contextLength: 4096, quantization: 'Q4_K_M' },
        { name: 'deepseek-r1:8b', loaded: false, size: 5225376047, quantization: 'Q4_K_M' },
      ],
    },
    {
      name: 'vllm-head', url: 'http://10.0.0.9:8000', source: 'config', kind: 'vllm', version: '0.19.1', label: 'vLLM 0.19.1', health: 'ok', servesOne: true,
      models: [{ name: 'deepseek-ai/DeepSeek-R1', loaded: true, contextLength: 32768 }],
    },
    { name: 'cpu-box', url: 'http://10.0.0.7:11434', source: 'config', health: 'down', models: [], error: 'Nothing answers at http://10.0.0.7:11434\u001b[31m: no server is listening there.' },
  ],
};

function setup(size: { columns: number; rows: number }, switchTo: HostActions['switchTo'] = () => undefined) {
  const hosts = { open: vi.fn(), close: vi.fn(), switchTo: vi.fn(switchTo) };
  const store = new AppStore(connectedState({ hosts: HOSTS }), 0);
  const view = render(<App store={store} actions={{ ...fakeActions(), hosts }} initialSize={size} />);
  return { ...view, hosts, store, frame: () => view.lastFrame() ?? '' };
}

describe('host switcher (Alt+H)', () => {
  it('120x40: every host with backend, version, health and models; refresh runs only while it shows; ↓ Enter switches', async () => {
    const app = setup({ columns: 120, rows: 40 });
    await ticks();
    expect(app.frame()).toContain('Alt+H hosts');
    expect(app.hosts.open).not.toHaveBeenCalled();
    app.stdin.write(ALT_H);
    await waitFor(() => expect(app.frame()).toContain('Hosts · ↑/↓ choose · Enter switch · Esc close'));
    const f = app.frame();
    expect(f).toMatch(/▶ gpu-box\s+Ollama 0\.12\.6\s+● up\s+10\.0\.0\.5:11434\s+\(current\)/);
    expect(f).toMatch(/deepseek-r1:32b\s+loaded · 22 GB · 48%\/52% CPU\/GPU · Q4_K_M · ctx 4096/);
    expect(f).toMatch(/deepseek-r1:8b\s+5\.2 GB · Q4_K_M/);
    expect(f).toMatch(/vllm-head\s+vLLM 0\.19\.1\s+● up\s+10\.0\.0\.9:8000/);
    expect(f).toMatch(/deepseek-ai\/DeepSeek-R1\s+loaded · ctx 32768/);
    expect(f).toContain('serves exactly one model');
    expect(f).toMatch(/cpu-box\s+unknown server\s+✗ down/);
    expect(f).toContain('Nothing answers at http://10.0.0.7:11434');
    expect(f).not.toContain('\u001b[31m');
    await waitFor(() => expect(app.hosts.open).toHaveBeenCalledTimes(1));
    app.stdin.write(KEYS.down);
    await waitFor(() => expect(app.frame()).toMatch(/▶ vllm-head/));
    app.stdin.write(KEYS.enter);
    await waitFor(() => expect(app.frame()).not.toContain('Hosts · ↑/↓'));
    expect(app.hosts.switchTo).toHaveBeenCalledWith('vllm-head');
    await waitFor(() => expect(app.hosts.close).toHaveBeenCalledTimes(1));
    app.unmount();
  });

  it('80x24: fits the width; a refused switch shows its sentence; Esc closes', async () => {
    const app = setup({ columns: 80, rows: 24 }, () => 'An answer is still streaming: stop it first (Esc), then switch hosts.');
    await ticks();
    app.stdin.write(ALT_H);
    await waitFor(() => expect(app.frame()).toContain('Hosts ·'));
    const f = app.frame();
    for (const line of f.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    expect(f).toMatch(/gpu-box\s+Ollama 0\.12\.6\s+● up/);
    expect(f).toMatch(/vllm-head\s+vLLM 0\.19\.1/);
    expect(f).toMatch(/cpu-box\s+unknown server\s+✗ down/);
    app.stdin.write(KEYS.up);
    await waitFor(() => expect(app.frame()).toMatch(/▶ cpu-box/));
    app.stdin.write(KEYS.enter);
    await waitFor(() => expect(app.frame()).toContain('An answer is still streaming'));
    expect(app.hosts.switchTo).toHaveBeenCalledWith('cpu-box');
    app.stdin.write(ALT_H);
    await waitFor(() => expect(app.frame()).toContain('Hosts ·'));
    // the overlay starts the refresh when it mounts (an effect, right after the frame)
    await waitFor(() => expect(app.hosts.open).toHaveBeenCalledTimes(2));
    app.stdin.write(KEYS.esc);
    await waitFor(() => expect(app.frame()).not.toContain('Hosts ·'));
    await waitFor(() => expect(app.hosts.close).toHaveBeenCalledTimes(2));
    app.unmount();
  });

  it('F1 help lists Alt+H; without a host list Alt+H says how to get one', async () => {
    const store = new AppStore(connectedState(), 0);
    const view = render(<App store={store} actions={fakeActions()} initialSize={{ columns: 120, rows: 40 }} />);
    await ticks();
    view.stdin.write(KEYS.f1);
    await waitFor(() => expect(view.lastFrame()).toMatch(/Alt\+S · Alt\+H\s+raw\/rendered · themes · system prompt, temperature… · hosts/));
    view.stdin.write(KEYS.esc);
    await ticks();
    view.stdin.write(ALT_H);
    await waitFor(() => expect(view.lastFrame()).toContain('Only one host: give --host more than once'));
    view.unmount();
  });
});

describe('model picker names the host', () => {
  it('says a vLLM serves exactly one model, and which host the list belongs to', async () => {
    const { hostNote } = await import('../../../src/ui/models/ModelPicker.js');
    const { capabilitiesOf } = await import('../../../src/backends/capabilities.js');
    const base = connectedState({ hosts: HOSTS });
    expect(hostNote({ ...base, connection: { ...base.connection, hostName: 'gpu-box' } })).toBe('models of gpu-box · Alt+H: other hosts');
    const vllm = { ...base, connection: { ...base.connection, hostName: 'vllm-head' }, server: { kind: 'vllm' as const, label: 'vLLM 0.19.1', capabilities: capabilitiesOf('vllm'), local: false } };
    expect(hostNote(vllm)).toBe('vllm-head: vLLM serves exactly one model per server · Alt+H: other hosts');
    expect(hostNote(connectedState())).toBeUndefined();
  });
});

describe('host rows share the height', () => {
  it('every host shows with its first models and a "more" row when the screen is short', async () => {
    const { hostsOverlayRows } = await import('../../../src/ui/hosts/hostsRows.js');
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `model-${i}:8b`, loaded: i === 0 }));
    const hosts: HostsState = {
      current: 'a',
      open: true,
      entries: [
        { name: 'a', url: 'http://a:1', source: 'flag', label: 'Ollama 0.12.6', health: 'ok', models: many(8) },
        { name: 'b', url: 'http://b:1', source: 'config', label: 'vLLM 0.19.1', health: 'ok', servesOne: true, models: many(1) },
        { name: 'c', url: 'http://c:1', source: 'config', label: 'Ollama 0.12.6', health: 'ok', models: many(8) },
      ],
    };
    const text = hostsOverlayRows(hosts, 0, 76, 12).map((r) => r.body);
    expect(text.length).toBeLessThanOrEqual(12);
    for (const h of ['a ', 'b ', 'c ']) expect(text.some((t) => t.startsWith(h))).toBe(true);
    expect(text.filter((t) => t.includes('model-0:8b')).length).toBe(3);
    expect(text.filter((t) => /… \d+ more/.test(t)).length).toBe(2);
    expect(text).toContain('    serves exactly one model');
  });
});
