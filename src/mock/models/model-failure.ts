import type { ErrorKey } from '../catalogue.ts';

/** A model that could not answer, as the dispatcher reports it: the catalogue entry to answer, and words for the journal. */
export class ModelFailure extends Error {
  override name = 'ModelFailure';

  constructor(
    readonly rule: ErrorKey,
    readonly detail: string,
  ) {
    super(detail);
  }
}
