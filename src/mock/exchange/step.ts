import type { GatewayResponse } from '../http-model.ts';
import type { JournalVerdict } from '../state/journal.ts';
import type { Refusal } from '../pipeline/types.ts';
import type { MockState } from '../state/mock-state.ts';
import type { ExchangeContext } from './context.ts';

/** What a step answers: go on, refuse with a catalogue entry, or respond. */
export type StepOutcome =
  | { kind: 'next' }
  | {
      kind: 'refuse';
      refusal: Refusal;
      /** After the answer: close the connection (the rest of the body is not read), or close without even draining it. */
      connection?: 'close' | 'abandon' | undefined;
    }
  | { kind: 'respond'; response: GatewayResponse; verdict: JournalVerdict; detail?: string | undefined };

export interface Step {
  /** As gateway.md §7 names the step. */
  readonly name: string;
  /**
   * Whether warn mode lets a refusal of this step through (it is recorded as a violation):
   * rules about who may call what. Framing, sizes and routing are never waived.
   */
  readonly waivable: boolean;
  run(context: ExchangeContext, state: MockState): StepOutcome | Promise<StepOutcome>;
}

export const NEXT: StepOutcome = { kind: 'next' };

export const refuse = (refusal: Refusal, connection?: 'close' | 'abandon'): StepOutcome => ({ kind: 'refuse', refusal, connection });

export const respond = (response: GatewayResponse, verdict: JournalVerdict, detail?: string): StepOutcome => ({ kind: 'respond', response, verdict, detail });
