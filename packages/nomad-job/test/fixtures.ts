import type { NomadJob } from '../src/index.js';

/**
 * The seed's job: the reference article's Isso container (podman, the image from the
 * dockerTools archive, port 8080 on loopback only, the SQLite directory as a host volume) as
 * a Nomad service job, with the SMTP password from a Nomad variable.
 */
export const SEED_JOB: NomadJob = {
  id: 'isso',
  type: 'service',
  datacenters: ['*'],
  groups: [
    {
      name: 'isso',
      count: 1,
      constraints: [{ attribute: '${meta.nixkit_isso_db}', operator: '=', value: '/var/db/isso' }],
      volumes: { 'isso-db': { type: 'host', source: 'isso-db' } },
      networks: [{ mode: 'host', ports: [{ label: 'http', static: 8080, to: 8080, hostNetwork: 'loopback' }] }],
      restart: { attempts: 3, interval: '5m', delay: '15s', mode: 'delay' },
      update: { maxParallel: 1, healthCheck: 'checks', minHealthyTime: '10s', healthyDeadline: '3m', autoRevert: true },
      services: [
        {
          name: 'isso',
          port: 'http',
          provider: 'nomad',
          checks: [{ name: 'isso-info', type: 'http', path: '/info', interval: '10s', timeout: '2s' }],
        },
      ],
      tasks: [
        {
          name: 'isso',
          driver: 'podman',
          config: { image: 'docker-archive:/etc/nixkit/isso/image.tar.gz', force_pull: true, ports: ['http'] },
          templates: [
            {
              data: '{{ with nomadVar "nomad/jobs/isso" }}\nISSO_SMTP_PASSWORD={{ .smtp_password }}\n{{ end }}\n',
              destination: 'secrets/env',
              env: true,
              perms: '0400',
            },
          ],
          volumeMounts: [{ volume: 'isso-db', destination: '/db' }],
          resources: { cpu: 200, memory: 256 },
        },
      ],
    },
  ],
};
