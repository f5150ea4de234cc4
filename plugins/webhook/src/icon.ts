/** A plain hook-and-arrow glyph drawn for knotwork. */
export const webhookIcon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><circle cx="6" cy="17" r="3"/><path d="M9 17h8"/><path d="M14 14l3 3-3 3"/><path d="M6 14V9a5 5 0 0 1 10 0"/></svg>';
