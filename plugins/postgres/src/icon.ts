/** Three stacked database disks with a small connection plug: a generic "SQL server" mark, not PostgreSQL's elephant. */
export const postgresIcon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><ellipse cx="10" cy="5" rx="6" ry="2.5"/><path d="M4 5v12c0 1.4 2.7 2.5 6 2.5"/><path d="M16 5v5"/><path d="M4 11c0 1.4 2.7 2.5 6 2.5s6-1.1 6-2.5"/><path d="M17 14v3M20 14v3M15.5 17h6v1.5a3 3 0 0 1-6 0zM18.5 21.5V23"/></svg>';
