import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { addModuleImport } from '../src/index.js';

const add = suite('addModuleImport');

add('appends to an existing imports list and keeps every other byte', () => {
  const source = '# host\n{ config, ... }:\n{\n  imports = [\n    ./hardware.nix # disks\n  ];\n  time.timeZone = "UTC";\n}\n';
  const edit = addModuleImport(source, './isso.nix');
  assert.equal(edit, { ok: true, changed: true, text: source.replace('./hardware.nix # disks\n', './hardware.nix # disks\n    ./isso.nix\n') });
});

add('creates imports when the module has none, also behind let … in', () => {
  const edit = addModuleImport('{ pkgs, ... }:\nlet x = 1; in\n{\n  environment.systemPackages = [ ];\n}\n', './isso.nix');
  assert.ok(edit.ok);
  if (edit.ok) assert.match(edit.text, /imports = \[ \.\/isso\.nix \];/);
});

add('does not import the same file twice', () => {
  const source = '{ ... }:\n{\n  imports = [ ./isso.nix ];\n}\n';
  assert.equal(addModuleImport(source, './isso.nix'), { ok: true, changed: false, text: source });
});

add('reports a source that does not parse with line and column, and no text', () => {
  const edit = addModuleImport('{\n  imports = [ ./a.nix\n', './isso.nix');
  assert.is(edit.ok, false);
  if (!edit.ok) {
    assert.is(edit.diagnostics.length, 1);
    assert.match(edit.diagnostics[0]!, /^3:\d+: /);
  }
});

add('reports a file whose imports is not a list, or that is not a module', () => {
  assert.is(addModuleImport('{ imports = ./x.nix; }\n', './isso.nix').ok, false);
  assert.is(addModuleImport('42\n', './isso.nix').ok, false);
});

add('refuses a flake, by name or by its outputs, naming the nixosConfigurations list', () => {
  const flake = '{\n  outputs = { nixpkgs, ... }: {\n    nixosConfigurations = {\n      web03 = nixpkgs.lib.nixosSystem { modules = [ ./configuration.nix ]; };\n    };\n  };\n}\n';
  const edit = addModuleImport(flake, './isso.nix');
  assert.is(edit.ok, false);
  if (!edit.ok) {
    assert.is(edit.kind, 'flake');
    assert.match(edit.reason, /nixosConfigurations\.web03\.modules/);
    assert.match(edit.hint.join('\n'), /modules = \[ \.\/configuration\.nix \.\/isso\.nix \]/);
  }
  const named = addModuleImport('{ }\n', './isso.nix', { fileName: '/etc/nixos/flake.nix' });
  assert.is(named.ok ? 'ok' : named.kind, 'flake');
  if (!named.ok) assert.match(named.reason, /nixosConfigurations\.<host>\.modules/);
});

add('refuses imports built with ++ and gives the exact line to add inside its list', () => {
  const source = '{ lib, ... }:\n{\n  imports = [\n    ./hardware.nix\n  ] ++ lib.optional true ./extra.nix;\n}\n';
  const edit = addModuleImport(source, './isso.nix');
  assert.is(edit.ok, false);
  if (!edit.ok) {
    assert.is(edit.kind, 'imports');
    assert.equal(edit.hint, ['add this line inside the list [ … ] that starts on line 3:', '    ./isso.nix']);
  }
  const call = addModuleImport('{ lib, ... }:\n{\n  imports = lib.optional true ./extra.nix;\n}\n', './isso.nix');
  assert.is(call.ok ? 'ok' : call.kind, 'imports');
  if (!call.ok) assert.match(call.hint.join('\n'), /imports = \[ \.\/isso\.nix \] \+\+ …;/);
});

add.run();
