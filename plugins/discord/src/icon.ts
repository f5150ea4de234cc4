/** Two overlapping speech bubbles: a generic "community chat" mark, not Discord's logo. */
export const discordIcon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><path d="M3.5 5h11a1 1 0 0 1 1 1v7a1 1 0 0 1-1 1H8l-3.5 3v-3h-1a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z"/><path d="M15.5 9h5a1 1 0 0 1 1 1v6.5a1 1 0 0 1-1 1h-1V20l-3-2.5H11a1 1 0 0 1-1-1V14"/><circle cx="7" cy="9.5" r=".6" fill="currentColor"/><circle cx="11" cy="9.5" r=".6" fill="currentColor"/></svg>';
