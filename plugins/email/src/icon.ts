/** An envelope with a downward arrow: a generic "mail in and out" mark. */
export const emailIcon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><rect x="3" y="5" width="18" height="14" rx="2"/><path d="m3.5 6.5 8.5 6.5 8.5-6.5"/><path d="M12 15.5v5M9.8 18.5 12 20.7l2.2-2.2"/></svg>';
