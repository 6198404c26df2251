import type { Answers } from '@onevisit/definitions';

/** A signed pledge (告知承诺) for an item that allows it. */
export interface PledgeCommand {
  item: string;
  /** The pledge text exactly as shown to the applicant. */
  text: string;
  signature: string;
}

export interface StartCaseCommand {
  bundleCode: string;
  answers: Record<string, unknown>;
  pledges?: PledgeCommand[];
  /** Required when a clerk starts the case for an applicant (帮办代办). */
  applicant?: { sub: string; name: string };
}

export interface ApplyOptions {
  /** Refuse with StaleCaseVersion unless the case is still at this version. */
  expectedVersion?: number;
  /** The task whose completion sends the event: closed in the same transaction, once. */
  completingTask?: string;
  /** A rating given without the rater's name. */
  anonymousRating?: boolean;
}

export type { Answers };
