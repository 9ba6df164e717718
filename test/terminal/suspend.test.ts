import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { installSuspend, type SuspendProcess } from '../../src/terminal/suspend.js';

function fakeProc() {
  const events = new EventEmitter();
  const kills: string[] = [];
  const proc: SuspendProcess = {
    pid: 4242,
    on: (s, l) => events.on(s, l),
    off: (s, l) => events.off(s, l),
    kill: (_pid, signal) => kills.push(signal),
  };
  return { proc, events, kills };
}

describe('installSuspend', () => {
  it('SIGTSTP: pause then SIGSTOP; SIGCONT: resume then repaint; a SIGCONT without our pause does nothing', () => {
    const { proc, events, kills } = fakeProc();
    const steps: string[] = [];
    const s = installSuspend({ proc, pause: () => steps.push('pause'), resume: () => steps.push('resume'), repaint: () => steps.push('repaint') });
    events.emit('SIGTSTP');
    expect(steps).toEqual(['pause']);
    expect(kills).toEqual(['SIGSTOP']);
    events.emit('SIGTSTP'); // already stopped: nothing more
    expect(kills).toEqual(['SIGSTOP']);
    events.emit('SIGCONT');
    expect(steps).toEqual(['pause', 'resume', 'repaint']);
    events.emit('SIGCONT');
    expect(steps).toEqual(['pause', 'resume', 'repaint']);
    s.suspend();
    expect(kills).toEqual(['SIGSTOP', 'SIGSTOP']);
    s.dispose();
    expect(events.listenerCount('SIGTSTP') + events.listenerCount('SIGCONT')).toBe(0);
  });

  it('a failing step is reported, not thrown, and the process still stops', () => {
    const { proc, events, kills } = fakeProc();
    const errors: string[] = [];
    installSuspend({ proc, pause: () => { throw new Error('EIO'); }, resume: () => {}, repaint: () => {}, onError: (step) => errors.push(step) });
    expect(() => events.emit('SIGTSTP')).not.toThrow();
    expect(errors).toEqual(['pause']);
    expect(kills).toEqual(['SIGSTOP']);
  });
});
