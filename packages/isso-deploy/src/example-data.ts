import type { IssoDeployment } from './deployment.js';

/**
 * The reference article's deployment ("Running Isso on NixOS in a Docker container") as the
 * article wrote it in 2020: its domain, website, ACME address and notification backend, and the
 * `article-2020` preset for its fork and build recipe (which no longer build; see the preset).
 */
export const ARTICLE_DEPLOYMENT: IssoDeployment = {
  preset: 'article-2020',
  domain: 'comments.luffy.cx',
  acmeEmail: 'letsencrypt@vincent.bernat.ch',
  acmeAcceptTerms: true,
  sites: ['https://vincent.bernat.ch', 'http://localhost:8080'],
  settings: { general: { notify: ['smtp'] } },
};

/**
 * The same site with today's defaults: nixpkgs' Isso for the newest supported NixOS release, and
 * notifications by mail with the [smtp] section they need.
 */
export const CURRENT_DEPLOYMENT: IssoDeployment = {
  domain: 'comments.luffy.cx',
  acmeEmail: 'letsencrypt@vincent.bernat.ch',
  acmeAcceptTerms: true,
  sites: ['https://vincent.bernat.ch'],
  settings: {
    general: { notify: ['smtp'] },
    smtp: { host: 'smtp.luffy.cx', from: 'isso@luffy.cx', to: 'vincent@bernat.ch' },
  },
};

/** `systemctl status podman-isso.service` as printed in the article (pager-cut lines included). */
export const ARTICLE_STATUS = `● podman-isso.service
     Loaded: loaded (/nix/store/a66gzqqwcdzbh99sz8zz5l5xl8r8ag7w-unit->
     Active: active (running) since Sun 2020-11-01 16:04:16 UTC; 4min 44s ago
    Process: 14564 ExecStartPre=/nix/store/95zfn4vg4867gzxz1gw7nxayqcl>
   Main PID: 14697 (podman)
         IP: 0B in, 0B out
      Tasks: 10 (limit: 2313)
     Memory: 221.3M
        CPU: 10.058s
     CGroup: /system.slice/podman-isso.service
             ├─14697 /nix/store/pn52xgn1wb2vr2kirq3xj8ij0rys35mf-podma>
             └─14802 /nix/store/7vsba54k6ag4cfsfp95rvjzqf6rab865-conmo>

nov. 01 16:04:17 web03 podman[14697]: container init (image=localhost/isso:latest)
nov. 01 16:04:17 web03 podman[14697]: container start (image=localhost/isso:latest)
nov. 01 16:04:17 web03 podman[14697]: container attach (image=localhost/isso:latest)
nov. 01 16:04:19 web03 conmon[14802]: INFO: connected to SMTP server
nov. 01 16:04:19 web03 conmon[14802]: INFO: connected to https://vincent.bernat.ch
nov. 01 16:04:19 web03 conmon[14802]: [INFO] Starting gunicorn 20.0.4
nov. 01 16:04:19 web03 conmon[14802]: [INFO] Listening at: http://0.0.0.0:8080 (1)
nov. 01 16:04:19 web03 conmon[14802]: [INFO] Using worker: gevent
nov. 01 16:04:19 web03 conmon[14802]: [INFO] Booting worker with pid: 8
nov. 01 16:04:19 web03 conmon[14802]: [INFO] Booting worker with pid: 9
`;
