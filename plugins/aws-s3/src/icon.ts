/** A bucket with a wavy fill line: a generic "object storage" mark, not AWS's artwork. */
export const s3Icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><ellipse cx="12" cy="5.5" rx="8" ry="2.5"/><path d="M4 5.5 6 19a2 2 0 0 0 2 1.7h8a2 2 0 0 0 2-1.7l2-13.5"/><path d="M5 11.5c2.3 1.2 4.7 1.2 7 0s4.7-1.2 7 0"/></svg>';
