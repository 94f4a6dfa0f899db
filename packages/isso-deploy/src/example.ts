// `npm run example`: the reference article's deployment through the public API, then the status
// check on the article's own `systemctl status` output. Only the module goes to stdout, so
// `npm run -s example > isso.nix` gives a file Nix parses; the headings and the check go to stderr.
import { checkStatus, renderNixosModule } from './index.js';
import { ARTICLE_DEPLOYMENT, ARTICLE_STATUS, CURRENT_DEPLOYMENT } from './example-data.js';

process.stderr.write('# The NixOS module for the reference article\'s site with today\'s defaults (container mode), on stdout:\n\n');
process.stdout.write(renderNixosModule(CURRENT_DEPLOYMENT));

const check = checkStatus(ARTICLE_STATUS, { deployment: ARTICLE_DEPLOYMENT });
process.stderr.write(`\n# checkStatus on the article's \`systemctl status podman-isso.service\`:\n\n`);
process.stderr.write(`${check.healthy ? 'healthy' : 'unhealthy'}: ${check.reason}\n`);
for (const note of check.notes) process.stderr.write(`  - ${note}\n`);
