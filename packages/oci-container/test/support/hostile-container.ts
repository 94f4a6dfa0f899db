import { hostileString, intBetween, pick, seededRandom } from '../../../../tools/test-helpers/index.js';

/** Env/label values and path tails built from the shared hostile fragments (plus "%", "$", ";"). */
export interface HostileCase {
  env: Record<string, string>;
  labels: Record<string, string>;
  cmd: string[];
  envFile: string;
  volumeSource: string;
  extraOption: string;
  entrypoint: string;
  workdir: string;
}

const EXTRA = ['%n', '%%', '$HOME', '${PATH}', '$$', ';', ' ; ', '\\;', '"', "'", '\\x41', '\u0085', '\u2029'];

export function hostileCases(seed: number, count: number): HostileCase[] {
  const random = seededRandom(seed);
  const text = () => hostileString(random, 8) + (random() < 0.5 ? pick(random, EXTRA) : '');
  const out: HostileCase[] = [];
  for (let i = 0; i < count; i++) {
    const env: Record<string, string> = {};
    const labels: Record<string, string> = {};
    for (let j = intBetween(random, 1, 4); j > 0; j--) env[`V_${i}_${j}`] = text();
    for (let j = intBetween(random, 0, 3); j > 0; j--) labels[`org.example.${j}${text().replace(/[=\u0000-\u001f\u007f]/g, '')}`] = text();
    out.push({
      env,
      labels,
      cmd: Array.from({ length: intBetween(random, 0, 4) }, text),
      envFile: `/run/secrets/${text()}`,
      volumeSource: `/srv/${text().replaceAll(':', '')}`,
      extraOption: `--annotation=${text()}`,
      entrypoint: `/bin/${text()}`,
      workdir: `/w/${text().replace(/[\u0000-\u001f\u007f]/g, '')}`,
    });
  }
  return out;
}
