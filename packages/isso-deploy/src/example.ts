// `npm run example`: the reference article's deployment through the public API, then the status
// check on the article's own `systemctl status` output.
import { checkStatus, renderNixosModule } from './index.js';
import { ARTICLE_DEPLOYMENT, ARTICLE_STATUS, CURRENT_DEPLOYMENT } from './example-data.js';

process.stdout.write('# The NixOS module for the reference article\'s site with today\'s defaults (container mode):\n\n');
process.stdout.write(renderNixosModule(CURRENT_DEPLOYMENT));

const check = checkStatus(ARTICLE_STATUS, { deployment: ARTICLE_DEPLOYMENT });
process.stdout.write(`\n# checkStatus on the article's \`systemctl status podman-isso.service\`:\n\n`);
process.stdout.write(`${check.healthy ? 'healthy' : 'unhealthy'}: ${check.reason}\n`);
for (const note of check.notes) process.stdout.write(`  - ${note}\n`);
