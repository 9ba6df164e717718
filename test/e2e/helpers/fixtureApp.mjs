// A tiny stand-in "app" for the pty harness self-test: alternate screen, raw keys echoed, resize, restore.
const out = process.stdout;
const draw = (text) => out.write(`\x1b[?2026h\x1b[H\x1b[2K${text}\x1b[?2026l`);
let typed = '';
const restore = () => out.write('\x1b[?25h\x1b[?1049l');
process.on('SIGTERM', () => {
  restore();
  process.exit(143);
});
process.stdin.setRawMode(true);
process.stdin.setEncoding('utf8');
out.write('\x1b[?1049h\x1b[?25l\x1b[H');
draw(`READY ${out.columns}x${out.rows}`);
out.on('resize', () => out.write(`\x1b[2;1HSIZE ${out.columns}x${out.rows}`));
process.stdin.on('data', (key) => {
  if (key === 'q') {
    restore();
    process.exit(0);
  }
  if (key === 'c') {
    out.write('\x1b[2J\x1b[H');
    return;
  }
  typed += key;
  draw(`typed: ${typed} 漢字`);
});
