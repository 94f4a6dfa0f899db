"""WSGI stand-in for `isso.run`: echoes the request as JSON.

Tests start it with the exact gunicorn command line a rendered deployment runs, behind the
rendered nginx server block, and check what arrives: the request headers (Host,
X-Forwarded-For, X-Forwarded-Proto), the environment (ISSO_SETTINGS), and the settings file it
points to, read with configparser as Isso reads it. It also sets the two cookie headers nginx
is meant to hide, so a test can see them disappear.
"""

import configparser
import json
import os


def _settings():
    path = os.environ.get("ISSO_SETTINGS")
    if not path or not os.path.exists(path):
        return None
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(path)
    return {section: dict(parser[section]) for section in parser.sections()}


def application(environ, start_response):
    headers = {key[5:].replace("_", "-").lower(): value for key, value in environ.items() if key.startswith("HTTP_")}
    body = json.dumps({
        "method": environ["REQUEST_METHOD"],
        "path": environ.get("PATH_INFO", ""),
        "headers": headers,
        "remoteAddr": environ.get("REMOTE_ADDR"),
        "issoSettingsPath": os.environ.get("ISSO_SETTINGS"),
        "sslCertFile": os.environ.get("SSL_CERT_FILE"),
        "settings": _settings(),
        "pid": os.getpid(),
    }).encode("utf-8")
    start_response("200 OK", [
        ("Content-Type", "application/json"),
        ("Content-Length", str(len(body))),
        ("Set-Cookie", "isso-1=stand-in; Path=/"),
        ("X-Set-Cookie", "isso-1=stand-in; Path=/"),
    ])
    return [body]
