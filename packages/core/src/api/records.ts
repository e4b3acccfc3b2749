/** Shapes several capabilities answer with. */

/** A record the server created, named by the id it gave it. */
export interface Created {
  readonly id: string;
}
