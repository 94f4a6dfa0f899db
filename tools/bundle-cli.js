#!/usr/bin/env node
// Bundles a CLI entry and every module it imports into one CommonJS file. A CLI built from many
// small ESM modules spends most of its start-up resolving and compiling them one by one (about
// 80 ms for nixkit-isso on Node 20); one file starts in a fraction of that. CommonJS, because
// Node 20 starts a CommonJS entry without initialising the ESM loader; no `keepNames`, because
// nothing reads function names and the wrappers it adds cost start-up time (issue #19).
// The libraries themselves stay unbundled ESM, so importers still get small, tree-shakeable
// modules.
//
// Used by tools/build-dist.js (bundleCli), or on its own:
//   bundle-cli.js <entry> <outfile.cjs> [<esm-shim.js>]
// The optional shim is a small ES module that runs the bundle, for callers that expect a `.js`
// path next to the modules (it loads the bundle with require, so the bundle is not re-parsed by
// the ESM loader's CommonJS export scanner).
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Bundles `entry` (a .ts or .js module) into the CommonJS file `outfile`, and writes `shim`. */
export async function bundleCli(entry, outfile, shim) {
  if (!outfile.endsWith('.cjs')) throw new Error(`bundle-cli: ${outfile} must end in .cjs`);
  const result = await build({
    entryPoints: [entry],
    outfile,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // The modules read files next to themselves through import.meta.url (package.json for the
    // version); in the bundle that is the bundle's own URL, which sits in the same dist/ folder.
    define: { 'import.meta.url': '__nixkitBundleUrl' },
    banner: { js: 'var __nixkitBundleUrl=require("node:url").pathToFileURL(__filename).href;' },
    // Minified like the modules beside it in dist/ (tools/build-dist.js).
    minify: true,
    logLevel: 'warning',
  });
  // The second line names the bundle by its content: bin/nixkit-isso.cjs keys its V8 code cache
  // on it, because V8 itself only checks that a cache belongs to a source of the same length.
  const code = result.outputFiles[0].text;
  const shebang = code.startsWith('#!') ? code.slice(0, code.indexOf('\n') + 1) : '#!/usr/bin/env node\n';
  const body = code.startsWith('#!') ? code.slice(shebang.length) : code;
  const id = createHash('sha256').update(body).digest('hex');
  writeFileSync(outfile, `${shebang}// nixkit-bundle ${id}\n${body}`, { mode: 0o755 });
  if (shim) {
    writeFileSync(
      shim,
      `#!/usr/bin/env node\n// Runs ${basename(outfile)}, the bundled CLI (written by tools/bundle-cli.js).\n` +
        `import { createRequire } from 'node:module';\n\ncreateRequire(import.meta.url)('./${basename(outfile)}');\n`,
      { mode: 0o755 },
    );
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [entry, outfile, shim] = process.argv.slice(2);
  if (!entry || !outfile) {
    console.error('usage: bundle-cli.js <entry> <outfile.cjs> [<esm-shim.js>]');
    process.exit(2);
  }
  await bundleCli(entry, outfile, shim);
}
