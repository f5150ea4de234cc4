/** Two commits joined into a merge: a generic "branches and pull requests" mark, not GitHub's logo. */
export const githubIcon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><circle cx="6" cy="5" r="2.2"/><circle cx="6" cy="19" r="2.2"/><circle cx="18" cy="12" r="2.2"/><path d="M6 7.2v9.6M6 9.5c0 2.5 2 2.5 4 2.5h5.8"/></svg>';
