import type { NotifyTemplate } from '@onevisit/definitions';
import type { NotificationFacts } from '@onevisit/queues';

/**
 * The text message (zh-CN, the language of the service) for each template of the case
 * machine. A `Record` over the template union, so a new template fails to compile here.
 */
const TEXTS: Record<NotifyTemplate, (facts: NotificationFacts) => string> = {
  'correction-requested': (f) =>
    `【一件事一次办】您的“${f.bundleName.zh}”申请（${f.caseRef}）需要补正，请登录查看一次性告知的全部问题。`,
  rejected: (f) =>
    `【一件事一次办】您的“${f.bundleName.zh}”申请（${f.caseRef}）不予受理${reason(f)}。`,
  accepted: (f) =>
    `【一件事一次办】您的“${f.bundleName.zh}”申请（${f.caseRef}）已受理，各部门正在并联办理。`,
  'accepted-with-deficiencies': (f) =>
    `【一件事一次办】您的“${f.bundleName.zh}”申请（${f.caseRef}）已容缺受理，请在期限内补齐容缺材料。`,
  'item-denied': (f) =>
    `【一件事一次办】您申请的“${item(f)}”（${f.caseRef}）未获批准${reason(f)}。`,
  'item-ended': (f) =>
    `【一件事一次办】您申请的“${item(f)}”（${f.caseRef}）已终止办理${reason(f)}。`,
  'post-check-failed': (f) =>
    `【一件事一次办】您承诺办理的“${item(f)}”（${f.caseRef}）核查未通过，审批及证照已撤销${reason(f)}。`,
  'supplement-expired-suspended': (f) =>
    `【一件事一次办】您的“${f.bundleName.zh}”申请（${f.caseRef}）容缺材料逾期未补齐，办件已中止，补齐后恢复办理。`,
  'supplement-expired-items-ended': (f) =>
    `【一件事一次办】您的“${f.bundleName.zh}”申请（${f.caseRef}）容缺材料逾期未补齐，相关事项已终止办理。`,
  'case-resumed': (f) => `【一件事一次办】您的“${f.bundleName.zh}”申请（${f.caseRef}）已恢复办理。`,
  'results-ready': (f) =>
    `【一件事一次办】您的“${f.bundleName.zh}”办理结果（${f.caseRef}）已全部出具，请选择领取方式。`,
  delivered: (f) =>
    `【一件事一次办】您的“${f.bundleName.zh}”办理结果（${f.caseRef}）已送达，欢迎对本次服务进行评价。`,
};

export function isNotifyTemplate(value: string): value is NotifyTemplate {
  return Object.hasOwn(TEXTS, value);
}

export function notificationText(template: NotifyTemplate, facts: NotificationFacts): string {
  return TEXTS[template](facts);
}

function item(facts: NotificationFacts): string {
  return facts.itemName?.zh ?? facts.bundleName.zh;
}

function reason(facts: NotificationFacts): string {
  return facts.reason ? `，原因：${facts.reason}` : '';
}
