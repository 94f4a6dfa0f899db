{
  config,
  lib,
  pkgs,
  ...
}:
let
  port = "8080";
  issoPackage =
    with pkgs.python3Packages;
    buildPythonPackage rec {
      pname = "isso";
      version = "custom";
      src = pkgs.fetchFromGitHub {
        # Use my fork
        owner = "vincentbernat";
        repo = pname;
        rev = "vbe/master";
        sha256 = "0vkkvjcvcjcdzdj73qig32hqgjly8n3ln2djzmhshc04i6g9z07j";
      };
      propagatedBuildInputs = [
        itsdangerous
        jinja2
        misaka
        html5lib
        werkzeug
        bleach
        flask-caching
      ];
      buildInputs = [ cffi ];
      checkInputs = [ nose ];
      checkPhase = ''
        ${python.interpreter} setup.py nosetests
      '';
    };
  issoEnv = pkgs.python3.buildEnv.override {
    extraLibs = [
      issoPackage
      pkgs.python3Packages.gunicorn
      pkgs.python3Packages.gevent
    ];
  };
  issoConfig = pkgs.writeText "isso.conf" ''
    [general]
    dbpath = /db/comments.db
    host =
      https://vincent.bernat.ch
      http://localhost:8080
    notify = smtp
  '';
  issoDockerImage = pkgs.dockerTools.buildImage {
    name = "isso";
    tag = "latest";
    extraCommands = ''
      mkdir -p db
    '';
    config = {
      Cmd = [
        "${issoEnv}/bin/gunicorn"
        "--name"
        "isso"
        "--bind"
        "0.0.0.0:${port}"
        "--worker-class"
        "gevent"
        "--workers"
        "2"
        "--worker-tmp-dir"
        "/dev/shm"
        "--preload"
        "isso.run"
      ];
      Env = [
        "ISSO_SETTINGS=${issoConfig}"
        "SSL_CERT_FILE=${pkgs.cacert}/etc/ssl/certs/ca-bundle.crt"
      ];
    };
  };
in
{
  virtualisation.oci-containers = {
    backend = "podman";
    containers = {
      isso = {
        image = "isso";
        imageFile = issoDockerImage;
        ports = [ "127.0.0.1:${port}:${port}" ];
        volumes = [ "/var/db/isso:/db" ];
      };
    };
  };
  services.nginx.virtualHosts."comments.luffy.cx" = {
    root = "/data/webserver/comments.luffy.cx";
    enableACME = true;
    forceSSL = true;
    extraConfig = ''
      access_log /var/log/nginx/comments.luffy.cx.log anonymous;
    '';
    locations."/" = {
      proxyPass = "http://127.0.0.1:${port}";
      extraConfig = ''
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_hide_header Set-Cookie;
        proxy_hide_header X-Set-Cookie;
        proxy_ignore_headers Set-Cookie;
      '';
    };
  };
  security.acme.certs."comments.luffy.cx" = {
    email = lib.concatStringsSep "@" [
      "letsencrypt"
      "vincent.bernat.ch"
    ];
  };
}
