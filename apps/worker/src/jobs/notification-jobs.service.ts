import { Inject, Injectable, Logger } from '@nestjs/common';
import { maskPhone, SMS_GATEWAY, type SmsGateway } from '@onevisit/integrations';
import type { JobPayloads } from '@onevisit/queues';
import { CASE_PORT, type CasePort, type CaseRecord } from '../cases/case-port.js';
import { PublishedBundles } from '../cases/published-bundles.js';
import { isNotifyTemplate, notificationText } from './notification-texts.js';

/**
 * Texts the applicant. The SMS gateway dedupes by message id = job id, so a retried job
 * sends once. The phone number never appears in logs unmasked.
 */
@Injectable()
export class NotificationJobs {
  private readonly logger = new Logger(NotificationJobs.name);

  constructor(
    @Inject(CASE_PORT) private readonly cases: CasePort,
    @Inject(SMS_GATEWAY) private readonly sms: SmsGateway,
    private readonly bundles: PublishedBundles,
  ) {}

  async send(jobId: string, data: JobPayloads['notification.send']): Promise<void> {
    if (!isNotifyTemplate(data.template)) {
      this.logger.error(`job ${jobId}: no notification template "${data.template}"; skipped`);
      return;
    }
    const record = await this.cases.get(data.caseId);
    const phone = record.context.answers.applicantPhone;
    if (typeof phone !== 'string' || phone.trim() === '') {
      this.logger.warn(`job ${jobId}: case ${data.caseId} has no applicant phone; not sent`);
      return;
    }
    const text = notificationText(data.template, await this.facts(record, data.item));
    await this.sms.send(jobId, { phone: phone.trim(), text, template: data.template });
    this.logger.log(
      `job ${jobId}: ${data.template} sent to ${maskPhone(phone)} for case ${data.caseId}`,
    );
  }

  private async facts(record: CaseRecord, item: string | undefined) {
    const bundle = await this.bundles.resolved(record.bundleCode, record.bundleVersion);
    const itemName = item
      ? bundle.items.find((candidate) => candidate.code === item)?.name
      : undefined;
    const ended = item ? record.context.items[item]?.reason : undefined;
    const reason =
      ended && 'reason' in ended ? ended.reason : (record.context.outcomeReason ?? undefined);
    return {
      bundleName: bundle.bundle.name,
      caseRef: `C-${record.id.slice(0, 8).toUpperCase()}`,
      itemName,
      reason: item || record.context.outcome ? reason : undefined,
    };
  }
}
