// One deterministic workout of every package's public API, as plain JavaScript: the consumer
// test runs it once on the sources (through tsx) and once, in a fresh project, on the minified
// modules installed from the tarballs, and requires the two results to be identical. So a
// minifier that changes behaviour (a renamed class in an error name, a reordered side effect)
// fails a test instead of a user.

/** Calls `fn` and returns its result, or the error's name, message and class as data. */
function attempt(fn, errorClasses) {
  try {
    return { ok: fn() };
  } catch (error) {
    const classes = Object.entries(errorClasses).filter(([, C]) => error instanceof C).map(([name]) => name);
    return { error: `${error.name}: ${error.message}`, classes };
  }
}

/** JSON with bigints as strings (the Nix AST holds integers as bigints). */
function json(value) {
  return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
}

/**
 * `m` maps short names to the imported packages; `inputs` holds texts read from the repository
 * (Nix fixtures, a `systemctl status` capture, an isso.conf). Returns a JSON string.
 */
export function exercise(m, inputs) {
  const { nixExpr, issoConfig, nginxVhost, ociContainer, colmenaHive, systemdStatus, nomadJob, issoDeploy } = m;
  const errors = {
    NixExprError: nixExpr.NixExprError,
    NixEditError: nixExpr.NixEditError,
    IssoConfigError: issoConfig.IssoConfigError,
    NginxVhostError: nginxVhost.NginxVhostError,
    OciContainerError: ociContainer.OciContainerError,
    ColmenaHiveError: colmenaHive.ColmenaHiveError,
    SystemdStatusError: systemdStatus.SystemdStatusError,
    NomadJobError: nomadJob.NomadJobError,
    IssoDeploymentError: issoDeploy.IssoDeploymentError,
  };
  const out = {};
  out.nix = inputs.nixFiles.map((text) => {
    const parsed = nixExpr.parse(text);
    return {
      printed: parsed.expr ? nixExpr.print(parsed.expr) : null,
      diagnostics: parsed.diagnostics,
      comments: parsed.comments.length,
      edited: attempt(() => nixExpr.setAttr(text, ['nixkit', 'enable'], nixExpr.bool(true)), errors),
    };
  });
  out.nixGarbage = json(nixExpr.parse('{ a = ${; b = "\\${x}"; c = \'\'${y}\'\'; } ]]').diagnostics);
  out.toNix = nixExpr.print(nixExpr.toNix({ a: 1, 'b c': ['x', true, null, { d: 2.5 }], s: '${not} interpolated' }));
  out.nixErrors = [() => nixExpr.int(1.5), () => nixExpr.v(''), () => nixExpr.toNix({ f: () => 1 })].map((fn) => attempt(fn, errors));
  out.issoConf = json(issoConfig.parse(inputs.issoConf));
  out.issoConfRaw = json(issoConfig.parseRaw(inputs.issoConf + '\n[general]\nhost = twice\n  continued\n'));
  out.status = json(systemdStatus.parseStatus(inputs.status));
  out.summary = systemdStatus.parseStatus(inputs.status).map((unit) => json(systemdStatus.summarize(unit)));
  out.summarizeRefusal = attempt(() => systemdStatus.summarize([]), errors);
  const deployment = { domain: 'comments.example.org', acmeEmail: 'letsencrypt@example.org', acmeAcceptTerms: true };
  out.deployments = issoDeploy.DEPLOYMENT_MODES.map((mode) => attempt(() => json(issoDeploy.renderDeployment(deployment, { mode })), errors));
  out.nomad = attempt(() => json(issoDeploy.renderNomadFiles(deployment)), errors);
  out.fleet = attempt(() => json(issoDeploy.renderFleet(inputs.fleet)), errors);
  out.check = attempt(() => json(issoDeploy.checkStatus(inputs.status, { deployment })), errors);
  out.refusals = [
    () => issoDeploy.renderDeployment({ ...deployment, port: Number.NaN }),
    () => issoDeploy.renderDeployment({ ...deployment, unknownField: 1 }),
    () => issoDeploy.renderFleet({ hosts: { 'bad name!': { targetHost: 'x', isso: [deployment] } } }),
    () => issoConfig.serialize({ general: { dbpath: 'a\nb' } }),
    () => nomadJob.validateJob({ ID: 'x' }),
    () => nginxVhost.validateVhost({ serverName: 'a b' }),
    () => ociContainer.parsePortSpec('99999:1'),
    () => colmenaHive.validateHive({ nodes: 1 }),
  ].map((fn) => attempt(fn, errors));
  return json(out);
}
