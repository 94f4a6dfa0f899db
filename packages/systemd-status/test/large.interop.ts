import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { make } from '../bench/generate.js';
import { createShowParser, parseShow, parseStatusOutput, summarize } from '../src/index.js';

// The heavy end of the robustness suite: 50 MB inputs, kept out of `npm test` for its runtime.
const large = suite('50 MB inputs');

large('parseStatusOutput reads 50 MB of status output whole, without throwing', () => {
  const text = make(2.5);
  const out = parseStatusOutput(text);
  assert.ok(out.units.length > 7000, `${out.units.length}`);
  assert.equal(out.diagnostics, []);
  for (const unit of out.units) summarize(unit);
});

large('parseShow and createShowParser read 50 MB of show output alike', () => {
  const block = (i: number): string => `Id=app${i}.service\nActiveState=active\nSubState=running\nMainPID=${i + 1}\nMemoryCurrent=${i * 4096}\nExecStart={ path=/bin/app ; argv[]=/bin/app --n ${i} ; pid=${i + 1} ; code=(null) ; status=0/0 }\nDescription=${'d'.repeat(100)}\n`;
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < 50_000_000; i++) {
    const text = `${block(i)}\n`;
    parts.push(text);
    size += text.length;
  }
  const text = parts.join('');
  const whole = parseShow(text);
  const parser = createShowParser();
  let streamed = 0;
  for (let at = 0; at < text.length; at += 65536) streamed += parser.write(text.slice(at, at + 65536)).length;
  streamed += parser.end().length;
  assert.is(streamed, whole.length);
  assert.ok(whole.length > 100_000);
});

large.run();
