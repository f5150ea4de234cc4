// A message for the next page to show once (a deletion made on the credential's own page
// is announced on the list it returns to).

export type Flash = { kind: 'deleted'; name: string; revoked: boolean | null };

let pending: Flash | undefined;

export function setFlash(flash: Flash): void {
  pending = flash;
}

/** Read during render (which may run twice); cleared by `clearFlash` once shown. */
export function peekFlash(): Flash | undefined {
  return pending;
}

export function clearFlash(): void {
  pending = undefined;
}
