/**
 * The provincial supervision platform (监管平台): receives the catalogue of published
 * bundles and case milestones. Implementations must be idempotent by `messageId`.
 */
export interface SupervisionPlatform {
  pushBundlePublished(
    messageId: string,
    bundle: { code: string; version: number; checksum: string; name: { zh: string; en: string } },
  ): Promise<void>;

  /**
   * The case milestones of one transition (accepted, items decided, breach …), as one
   * message; no personal data beyond ids.
   */
  pushCaseEvents(messageId: string, events: SupervisionCaseEvent[]): Promise<void>;

  /**
   * Several such messages in one upload (批量上报), in order; each still keyed by its own
   * message id, so a message sent again is recorded once. All or none: a failure leaves
   * the caller to send them one by one.
   */
  pushCaseEventMessages(
    messages: { messageId: string; events: SupervisionCaseEvent[] }[],
  ): Promise<void>;
}

export interface SupervisionCaseEvent {
  caseId: string;
  caseVersion: number;
  bundleCode: string;
  bundleVersion: number;
  topic: string;
  item: string | null;
  /** Overall case status and the item's status when the job ran. */
  caseStatus: string;
  itemStatus: string | null;
  occurredAt: string;
}

/** Injection token: bind the real platform client in production, the recorder otherwise. */
export const SUPERVISION_PLATFORM = Symbol('SupervisionPlatform');
