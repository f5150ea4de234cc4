import type { ConnectionPools } from '@knotwork/sdk';

interface Entry {
  resource: Promise<unknown>;
  dispose: (resource: never) => void | Promise<void>;
}

/** Driver pools shared across runs, keyed by plugin and credential, closed with the host. */
export class HostConnectionPools {
  readonly #entries = new Map<string, Entry>();
  /** One view per plugin and credential, reused by every run rather than built per run. */
  readonly #views = new Map<string, Map<string, ConnectionPools>>();

  scoped(plugin: string, owner: string): ConnectionPools {
    let byOwner = this.#views.get(plugin);
    if (!byOwner) {
      byOwner = new Map();
      this.#views.set(plugin, byOwner);
    }
    let view = byOwner.get(owner);
    if (!view) {
      view = this.#view(`${plugin}:${owner}`);
      byOwner.set(owner, view);
    }
    return view;
  }

  #view(prefix: string): ConnectionPools {
    return {
      get: <T>(
        key: string,
        create: () => T | Promise<T>,
        dispose: (resource: T) => void | Promise<void>,
      ) => {
        const id = `${prefix}:${key}`;
        let entry = this.#entries.get(id);
        if (!entry) {
          const resource = Promise.resolve().then(create);
          entry = { resource, dispose: dispose as Entry['dispose'] };
          this.#entries.set(id, entry);
          // A failed connect must not poison the key for later runs.
          resource.catch(() => this.#entries.delete(id));
        }
        return entry.resource as Promise<T>;
      },
    };
  }

  async closeAll(): Promise<void> {
    const entries = [...this.#entries.values()];
    this.#entries.clear();
    this.#views.clear();
    await Promise.allSettled(
      entries.map(async (entry) => entry.dispose((await entry.resource) as never)),
    );
  }
}
