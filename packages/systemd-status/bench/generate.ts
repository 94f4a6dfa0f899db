// A mix of the block shapes seen in practice: running services with a CGroup tree and a long
// journal, failed services with Process lines, timers; journal months in several locales.
const MONTHS = ['Jan', 'nov.', 'Mär', 'marras', '4月', 'нояб.'];

function unitBlock(i: number): string {
  const month = MONTHS[i % MONTHS.length] as string;
  const journal: string[] = [];
  for (let j = 0; j < 60; j++) {
    journal.push(`${month} ${String((j % 28) + 1).padStart(2, '0')} 16:04:${String(j % 60).padStart(2, '0')} web${i % 7} app${i}[${1000 + j}]: request ${j} GET /api/items?page=${j} HTTP/1.1 200 ${j * 37} bytes in ${j % 13}ms`);
  }
  if (i % 5 === 0) {
    return [
      `× app${i}.service - Application ${i}`,
      `     Loaded: loaded (/etc/systemd/system/app${i}.service; enabled; preset: enabled)`,
      `     Active: failed (Result: exit-code) since Sun 2024-11-03 16:04:16 UTC; 4min 44s ago`,
      `    Process: ${2000 + i} ExecStartPre=/usr/bin/app-check --config /etc/app${i}.toml (code=exited, status=0/SUCCESS)`,
      `    Process: ${3000 + i} ExecStart=/usr/bin/app --serve --port ${8000 + i} (code=exited, status=1/FAILURE)`,
      `   Main PID: ${3000 + i} (code=exited, status=1/FAILURE)`,
      `        CPU: 1.733s`,
      '',
      ...journal,
    ].join('\n');
  }
  return [
    `● app${i}.service - Application ${i}`,
    `     Loaded: loaded (/etc/systemd/system/app${i}.service; enabled; preset: enabled)`,
    `    Drop-In: /etc/systemd/system/app${i}.service.d`,
    `             └─override.conf, limits.conf`,
    `     Active: active (running) since Sun 2024-11-03 16:04:16 UTC; 4min 44s ago`,
    `   Main PID: ${4000 + i} (app)`,
    `         IP: 1.2M in, 3.4M out`,
    `      Tasks: 10 (limit: 2313)`,
    `     Memory: 221.3M (peak: 300.1M, swap: 0B, swap peak: 1M)`,
    `        CPU: 1h 11min 53.021s`,
    `     CGroup: /system.slice/app${i}.service`,
    `             ├─${4000 + i} /usr/bin/app --serve --port ${8000 + i}`,
    `             └─${5000 + i} /usr/bin/app-worker --queue jobs`,
    '',
    ...journal,
  ].join('\n');
}

/** Builds a status output of about `scale` × 20 MB. */
export function make(scale: number): string {
  const target = 20 * 1024 * 1024 * scale;
  const blocks: string[] = [];
  let size = 0;
  for (let i = 0; size < target; i++) {
    const block = unitBlock(i);
    blocks.push(block);
    size += block.length + 2;
  }
  return `${blocks.join('\n\n')}\n`;
}
