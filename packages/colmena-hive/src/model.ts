import type { NixExpr } from '@nixkit/nix-expr';

// The typed hive. Option names and defaults are Colmena's own, from zhaofengli/colmena
// src/nix/hive/options.nix at commit 07499a1eaf7ebd96c528cbc7558111d0ca632bfc (keyType,
// deploymentOptions, metaOptions). A field left out is not rendered, so Colmena's default applies.

/**
 * A NixOS module: a nix-expr node (a function `{ config, pkgs, ... }: { … }` or an attribute
 * set), or a string naming a file to import: `./hosts/web1/isso.nix` (relative to hive.nix or
 * flake.nix) or an absolute path.
 */
export type NixosModule = NixExpr | string;

/** `deployment.keys.<name>`: a secret Colmena uploads out of band, never through the Nix store. */
export interface HiveKey {
  /** The key's content, inline. Exactly one of `text`, `keyFile`, `keyCommand`. */
  text?: string;
  /**
   * The operator's local file holding the key: an absolute path, or `./…`/`../…` relative to
   * hive.nix (the flake form refuses relative paths, since a flake copies its files into the store).
   */
  keyFile?: string;
  /** A command printing the key on stdout, run on the deploying machine (`["pass", "show", "isso"]`). */
  keyCommand?: string[];
  /** Default `/run/keys` (a tmpfs: the key does not survive a reboot). */
  destDir?: string;
  /** Default `root`. */
  user?: string;
  /** Default `root`. */
  group?: string;
  /** An octal mode string; default `"0600"`. */
  permissions?: string;
  /** Default `pre-activation`. */
  uploadAt?: 'pre-activation' | 'post-activation';
}

/** The `deployment` options of one node. */
export interface HiveDeployment {
  /** SSH target; default the node name; `null` allows only local deployment. */
  targetHost?: string | null;
  targetPort?: number | null;
  /** Default `root`; `null` leaves the user to ssh_config. */
  targetUser?: string | null;
  /** For `colmena apply --on @tag`. */
  tags?: string[];
  keys?: Record<string, HiveKey>;
  buildOnTarget?: boolean;
  allowLocalDeployment?: boolean;
  replaceUnknownProfiles?: boolean;
  /** Default `["sudo", "-H", "--"]`, used when targetUser is not root. */
  privilegeEscalationCommand?: string[];
}

/** One machine of the hive. */
export interface HiveNode {
  deployment?: HiveDeployment;
  /** The node's NixOS modules, imported in this order. */
  modules?: NixosModule[];
}

/** Hive-wide settings (`meta`). Values given as data are rendered with `toNix`. */
export interface HiveMeta {
  name?: string;
  description?: string;
  /**
   * The nixpkgs to build with: a nix-expr node (`<nixpkgs>`, `import ./nixpkgs { }`).
   * Default in hive.nix: left to Colmena (`<nixpkgs>`); in the flake form: the `nixpkgs` input.
   */
  nixpkgs?: NixExpr;
  /** Per-node nixpkgs, by node name. */
  nodeNixpkgs?: Record<string, NixExpr>;
  /** Extra arguments for every module (`specialArgs`): nix-expr nodes or plain data. */
  specialArgs?: Record<string, unknown>;
  /** Per-node special arguments, by node name. */
  nodeSpecialArgs?: Record<string, Record<string, unknown>>;
  /** A Nix machines file for remote builds. */
  machinesFile?: string;
}

/** A whole hive: meta, the modules every node imports, and the nodes by name. */
export interface Hive {
  meta?: HiveMeta;
  /** Modules imported by every node (Colmena's `defaults`). */
  defaults?: NixosModule[];
  nodes: Record<string, HiveNode>;
}
