import type { ConnectionPools } from '@knotwork/sdk';

interface Entry {
  resource: Promise<unknown>;
  dispose: (resource: never) => void | Promise<void>;
}

/** Driver pools shared across runs, keyed by plugin and credential, closed with the host. */
export class HostConnectionPools {
  /** The resources of each plugin and credential (`plugin:owner`), by the plugin's key. */
  readonly #scopes = new Map<string, Map<string, Entry>>();
  /** One view per plugin and credential, reused by every run rather than built per run. */
  readonly #views = new Map<string, Map<string, ConnectionPools>>();
  /** The credential revision each plugin's pools were built for, by `plugin:owner`. */
  readonly #revisions = new Map<string, string>();

  /**
   * The pools of one plugin for one credential. A new `revision` of the credential (a
   * person edited it) retires the pools built from the old data: they are closed, and the
   * next `get` builds new ones.
   */
  scoped(plugin: string, owner: string, revision?: string): ConnectionPools {
    if (revision !== undefined) {
      const scope = `${plugin}:${owner}`;
      const known = this.#revisions.get(scope);
      if (known !== revision) {
        this.#revisions.set(scope, revision);
        if (known !== undefined) this.#retire(scope);
      }
    }
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

  /** Closes a credential's pools in the background; runs already holding them finish first. */
  #retire(scope: string): void {
    const entries = this.#scopes.get(scope);
    if (!entries) return;
    this.#scopes.delete(scope);
    for (const entry of entries.values()) {
      void entry.resource.then((resource) => entry.dispose(resource as never)).catch(() => {});
    }
  }

  #view(scope: string): ConnectionPools {
    return {
      get: <T>(
        key: string,
        create: () => T | Promise<T>,
        dispose: (resource: T) => void | Promise<void>,
      ) => {
        // Looked up by the plugin's own key: no string is built per run.
        const entries = this.#scopes.get(scope) ?? this.#open(scope);
        let entry = entries.get(key);
        if (!entry) {
          const resource = Promise.resolve().then(create);
          const created: Entry = { resource, dispose: dispose as Entry['dispose'] };
          entries.set(key, created);
          entry = created;
          // A failed connect must not poison the key for later runs.
          // (A map already retired is dropped whole; deleting from it changes nothing.)
          resource.catch(() => {
            if (entries.get(key) === created) entries.delete(key);
          });
        }
        return entry.resource as Promise<T>;
      },
    };
  }

  #open(scope: string): Map<string, Entry> {
    const entries = new Map<string, Entry>();
    this.#scopes.set(scope, entries);
    return entries;
  }

  async closeAll(): Promise<void> {
    const entries = [...this.#scopes.values()].flatMap((scope) => [...scope.values()]);
    this.#scopes.clear();
    this.#views.clear();
    this.#revisions.clear();
    await Promise.allSettled(
      entries.map(async (entry) => entry.dispose((await entry.resource) as never)),
    );
  }
}
