import type { OAuthProvider } from '@knotwork/sdk';

/**
 * The scopes to request: the provider's defaults, then each entry expanded to its
 * feature's scope set when it names one (`sheets`), else taken as a raw scope. Duplicates
 * (several features sharing `repo`) are sent once.
 */
export function expandScopes(provider: OAuthProvider, requested: readonly string[] = []): string[] {
  const scopes = new Set(provider.defaultScopes);
  for (const entry of requested) {
    for (const scope of provider.scopes[entry] ?? [entry]) scopes.add(scope);
  }
  return [...scopes];
}
