// `systemctl status container@isso` on a NixOS host and `systemctl -M isso status isso` inside
// the container, in the layout systemd 252 prints (the NixOS 22.11 of the article's update).
// Written for these tests; store hashes shortened.

export const HOST_STATUS = `● container@isso.service - Container 'isso'
     Loaded: loaded (/etc/systemd/system/container@.service; linked; preset: enabled)
    Drop-In: /nix/store/8sd1kw-system-units/container@isso.service.d
             └─overrides.conf
     Active: active (running) since Mon 2023-01-16 09:12:03 UTC; 2h 5min ago
    Process: 1187 ExecStartPre=/nix/store/p2x0-unit-script-container_isso-pre-start/bin/container_isso-pre-start (code=exited, status=0/SUCCESS)
    Process: 1214 ExecStartPost=/nix/store/9kqd-unit-script-container_isso-post-start/bin/container_isso-post-start (code=exited, status=0/SUCCESS)
   Main PID: 1190 (systemd-nspawn)
     Status: "Container running: Startup finished in 1.978s."
         IP: 1.2M in, 340.5K out
      Tasks: 19 (limit: 4915)
     Memory: 98.4M
        CPU: 6.120s
     CGroup: /machine.slice/container@isso.service
             ├─payload
             │ ├─init.scope
             │ │ └─1193 /run/current-system/systemd/lib/systemd/systemd
             │ └─system.slice
             │   └─isso.service
             │     └─1301 /nix/store/a1b2-python3-3.10.9-env/bin/python3.10 /nix/store/a1b2-python3-3.10.9-env/bin/gunicorn --name isso
             └─supervisor
               └─1190 /nix/store/c3d4-systemd-252.4/bin/systemd-nspawn --keep-unit -M isso -D /run/nixos-containers/isso --private-network

Jan 16 09:12:02 web03 systemd[1]: Starting Container 'isso'...
Jan 16 09:12:02 web03 container isso[1190]: Spawning container isso on /run/nixos-containers/isso.
Jan 16 09:12:02 web03 container isso[1190]: Press ^] three times within 1s to kill container.
Jan 16 09:12:03 web03 container isso[1190]: <<< Welcome to NixOS 22.11.1711.0cf4274b5d0 (x86_64) - console >>>
Jan 16 09:12:03 web03 systemd[1]: Started Container 'isso'.
`;

export const INNER_STATUS = `● isso.service - Isso comment server
     Loaded: loaded (/etc/systemd/system/isso.service; enabled; preset: enabled)
     Active: active (running) since Mon 2023-01-16 09:12:04 UTC; 2h 5min ago
   Main PID: 301 (gunicorn)
         IP: 1.1M in, 310.2K out
      Tasks: 3 (limit: 4915)
     Memory: 61.0M
        CPU: 4.210s
     CGroup: /system.slice/isso.service
             ├─301 /nix/store/a1b2-python3-3.10.9-env/bin/python3.10 /nix/store/a1b2-python3-3.10.9-env/bin/gunicorn --name isso
             ├─318 /nix/store/a1b2-python3-3.10.9-env/bin/python3.10 /nix/store/a1b2-python3-3.10.9-env/bin/gunicorn --name isso
             └─319 /nix/store/a1b2-python3-3.10.9-env/bin/python3.10 /nix/store/a1b2-python3-3.10.9-env/bin/gunicorn --name isso

Jan 16 09:12:04 isso systemd[1]: Started Isso comment server.
Jan 16 09:12:04 isso gunicorn[301]: [2023-01-16 09:12:04 +0000] [301] [INFO] Starting gunicorn 20.1.0
Jan 16 09:12:04 isso gunicorn[301]: [2023-01-16 09:12:04 +0000] [301] [INFO] Listening at: http://192.168.247.11:8080 (301)
Jan 16 09:12:04 isso gunicorn[301]: [2023-01-16 09:12:04 +0000] [301] [INFO] Using worker: gevent
Jan 16 09:12:04 isso gunicorn[318]: [2023-01-16 09:12:04 +0000] [318] [INFO] Booting worker with pid: 318
Jan 16 09:12:04 isso gunicorn[319]: [2023-01-16 09:12:04 +0000] [319] [INFO] Booting worker with pid: 319
`;

/** The host unit after systemd-nspawn found no database directory to mount. */
export const HOST_MISSING_MOUNT = `× container@isso.service - Container 'isso'
     Loaded: loaded (/etc/systemd/system/container@.service; linked; preset: enabled)
     Active: failed (Result: exit-code) since Mon 2023-01-16 09:12:03 UTC; 4s ago
    Process: 1187 ExecStartPre=/nix/store/p2x0-unit-script-container_isso-pre-start/bin/container_isso-pre-start (code=exited, status=0/SUCCESS)
    Process: 1190 ExecStart=/nix/store/k8x1-unit-script-container_isso-start/bin/container_isso-start (code=exited, status=1/FAILURE)
   Main PID: 1190 (code=exited, status=1/FAILURE)
        CPU: 81ms

Jan 16 09:12:02 web03 systemd[1]: Starting Container 'isso'...
Jan 16 09:12:02 web03 container isso[1190]: Spawning container isso on /run/nixos-containers/isso.
Jan 16 09:12:02 web03 container isso[1190]: Press ^] three times within 1s to kill container.
Jan 16 09:12:03 web03 container isso[1190]: Failed to stat /var/db/isso: No such file or directory
Jan 16 09:12:03 web03 systemd[1]: container@isso.service: Main process exited, code=exited, status=1/FAILURE
Jan 16 09:12:03 web03 systemd[1]: container@isso.service: Failed with result 'exit-code'.
`;
