/** A plugin the host could not load, reported instead of thrown so the others keep working. */
export interface PluginProblem {
  /** Package name when known, else the folder. */
  package: string;
  /** The file at fault. */
  path: string;
  problem: string;
}
