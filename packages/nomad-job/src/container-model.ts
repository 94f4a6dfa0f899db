// The container fields fromContainer reads, as a structural type: `OciContainer` from
// @nixkit/oci-container fits it, without this package depending on that one at run time.
// Text there may be a Nix expression node (`{ kind: … }`); a jobspec cannot evaluate Nix, so
// fromContainer accepts only plain strings and names the field of any other value.

/** A string, or a value fromContainer refuses (a @nixkit/nix-expr node). */
export type ContainerText = string | { readonly kind: string };

/** The container model of @nixkit/oci-container (after its `validateContainer`), structurally. */
export interface ContainerModel {
  name: string;
  image: ContainerText;
  backend?: 'podman' | 'docker';
  imageFile?: ContainerText;
  imageStream?: ContainerText;
  cmd?: readonly ContainerText[];
  entrypoint?: ContainerText;
  environment?: Readonly<Record<string, ContainerText>>;
  environmentFiles?: readonly ContainerText[];
  /** `[ip:]hostPort:containerPort[/tcp]` or `containerPort`. */
  ports?: readonly ContainerText[];
  /** `/host/path:/container/path[:ro|rw]`. */
  volumes?: readonly ContainerText[];
  user?: string;
  workdir?: string;
  labels?: Readonly<Record<string, ContainerText>>;
  networks?: readonly string[];
  hostname?: string;
  dependsOn?: readonly string[];
  autoStart?: boolean;
  extraOptions?: readonly ContainerText[];
  pull?: 'always' | 'missing' | 'never' | 'newer';
  logDriver?: string;
}
