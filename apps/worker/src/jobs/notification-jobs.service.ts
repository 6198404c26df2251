import { Inject, Injectable, Logger } from '@nestjs/common';
import { notificationFactsOf } from '@onevisit/engine';
import { maskPhone, SMS_GATEWAY, type SmsGateway } from '@onevisit/integrations';
import { decryptAnswers, isCiphertext, PiiKeyring } from '@onevisit/pii';
import type { JobPayloads, NotificationFacts, NotificationMessage } from '@onevisit/queues';
import { CASE_PORT, type CasePort } from '../cases/case-port.js';
import { PublishedBundles } from '../cases/published-bundles.js';
import { isNotifyTemplate, notificationText } from './notification-texts.js';

type NotificationJob = JobPayloads['notification.send'];

/**
 * Texts the applicant. The SMS gateway dedupes by message id = job id, so a retried job
 * sends once. The phone number never appears in logs unmasked.
 *
 * A job carries its text as its transition made it (the facts, and the phone as the case
 * stores it, encrypted): it reads nothing. Jobs made before that read the case.
 */
@Injectable()
export class NotificationJobs {
  private readonly logger = new Logger(NotificationJobs.name);

  constructor(
    @Inject(CASE_PORT) private readonly cases: CasePort,
    @Inject(SMS_GATEWAY) private readonly sms: SmsGateway,
    private readonly bundles: PublishedBundles,
    private readonly keyring: PiiKeyring,
  ) {}

  async send(jobId: string, data: NotificationJob): Promise<void> {
    if (!isNotifyTemplate(data.template)) {
      this.logger.error(`job ${jobId}: no notification template "${data.template}"; skipped`);
      return;
    }
    const carried = data.message && this.carried(jobId, data.message);
    const { phone, facts } = carried ?? (await this.fromCase(data));
    if (typeof phone !== 'string' || phone.trim() === '') {
      this.logger.warn(`job ${jobId}: case ${data.caseId} has no applicant phone; not sent`);
      return;
    }
    const text = notificationText(data.template, facts);
    await this.sms.send(jobId, { phone: phone.trim(), text, template: data.template });
    this.logger.log(
      `job ${jobId}: ${data.template} sent to ${maskPhone(phone)} for case ${data.caseId}`,
    );
  }

  /**
   * The carried message with its phone opened, or undefined when the message is not what
   * the engine writes (a phone that is not ciphertext, facts missing): the case decides.
   */
  private carried(
    jobId: string,
    message: NotificationMessage,
  ): { phone: unknown; facts: NotificationFacts } | undefined {
    const { to, facts } = message;
    if ((to !== null && !isCiphertext(to)) || typeof facts?.caseRef !== 'string') {
      this.logger.warn(`job ${jobId}: its message is not one the engine writes; reading the case`);
      return undefined;
    }
    return { phone: to === null ? null : decryptAnswers({ phone: to }, this.keyring).phone, facts };
  }

  /** A job made before texts were carried: the phone and the facts from the case as it is. */
  private async fromCase(
    data: NotificationJob,
  ): Promise<{ phone: unknown; facts: NotificationFacts }> {
    const record = await this.cases.get(data.caseId);
    const bundle = await this.bundles.resolved(record.bundleCode, record.bundleVersion);
    const item = data.item
      ? bundle.items.find((candidate) => candidate.code === data.item)?.name
      : undefined;
    return {
      phone: record.context.answers.applicantPhone,
      facts: notificationFactsOf(
        record.id,
        record.context,
        { bundle: bundle.bundle.name, ...(item ? { item } : {}) },
        data.item,
      ),
    };
  }
}
