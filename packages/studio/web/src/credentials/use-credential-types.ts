import { useEffect, useState } from 'react';
import { getCredentialType } from '../api/endpoints.js';
import type { CredentialTypeInfo } from '../api/types.js';

/** Display information of the given credential types, fetched once each. */
export function useCredentialTypes(types: readonly string[]): Map<string, CredentialTypeInfo> {
  const [known, setKnown] = useState(() => new Map<string, CredentialTypeInfo>());
  const wanted = [...new Set(types)].sort().join(',');

  useEffect(() => {
    let current = true;
    const missing = wanted.split(',').filter((type) => type && !known.has(type));
    if (missing.length === 0) return;
    Promise.allSettled(missing.map((type) => getCredentialType(type))).then((results) => {
      if (!current) return;
      setKnown((previous) => {
        const next = new Map(previous);
        for (const result of results) {
          if (result.status === 'fulfilled') next.set(result.value.type, result.value);
        }
        return next;
      });
    });
    return () => {
      current = false;
    };
  }, [wanted, known]);

  return known;
}
