/**
 * The printed form of the one-time notification (一次性告知书), in Chinese and English.
 * Sections are headed and numbered; every material is one line.
 */
import type { NotificationEntry, OneTimeNotification } from '../compiled.types.js';
import type { Label, MaterialForm, ResolvedBundle } from '../definition.types.js';

type Lang = keyof Label;

const FORM_WORDS: Record<MaterialForm, Label> = {
  original: { zh: '原件', en: 'original' },
  copy: { zh: '复印件', en: 'copy' },
  electronic: { zh: '电子版', en: 'electronic' },
};

const WORDS = {
  title: { zh: '一次性告知书', en: 'One-time notification' },
  items: { zh: '一、办理事项', en: '1. Service items' },
  bring: { zh: '二、申请时请携带的材料', en: '2. Materials to bring when applying' },
  later: { zh: '三、可容缺后补的材料', en: '3. Materials that may be supplied later' },
  held: {
    zh: '四、已持有证照可免交的材料',
    en: '4. Materials a licence you already hold replaces',
  },
  produced: { zh: '五、本次办理中自动获取的材料', en: '5. Materials this case produces itself' },
  time: { zh: '六、办理时限', en: '6. Time' },
  none: { zh: '（无）', en: '(none)' },
} satisfies Record<string, Label>;

export function renderNotificationText(
  notification: Omit<OneTimeNotification, 'text'>,
  resolved: ResolvedBundle,
): Label {
  return { zh: render(notification, resolved, 'zh'), en: render(notification, resolved, 'en') };
}

function render(
  n: Omit<OneTimeNotification, 'text'>,
  resolved: ResolvedBundle,
  lang: Lang,
): string {
  const licenceNames = new Map(
    resolved.licenceTypes.map((entry) => [entry.code, entry.name] as const),
  );
  const itemNames = new Map(n.items.map((entry) => [entry.item, entry.name] as const));
  const licence = (code: string | undefined) =>
    code === undefined ? '' : (licenceNames.get(code)?.[lang] ?? code);
  const itemName = (code: string) => itemNames.get(code)?.[lang] ?? code;
  const zh = lang === 'zh';

  const materialLine = (entry: NotificationEntry, index: number, note: string) => {
    const forms = entry.acceptedForms.map((form) => FORM_WORDS[form][lang]).join(zh ? '/' : ', ');
    const users = entry.items.map(itemName).join(zh ? '、' : ', ');
    return zh
      ? `  ${index + 1}. ${entry.name.zh}（${forms}；用于：${users}）${note}`
      : `  ${index + 1}. ${entry.name.en} (${forms}; for: ${users})${note}`;
  };
  const section = (
    heading: Label,
    entries: NotificationEntry[],
    note: (entry: NotificationEntry) => string,
  ) => [
    heading[lang],
    ...(entries.length === 0
      ? [`  ${WORDS.none[lang]}`]
      : entries.map((entry, i) => materialLine(entry, i, note(entry)))),
  ];

  const itemLines = n.items.map((entry, index) => {
    const extras: string[] = [];
    if (entry.conditional) extras.push(zh ? '视申请情况办理' : 'only if it applies to you');
    if (entry.commitmentAllowed) extras.push(zh ? '可告知承诺' : 'approval on pledge possible');
    for (const procedure of entry.specialProcedures) {
      extras.push(
        zh
          ? `特殊环节：${procedure.name.zh}，不超过${procedure.maxDays}个工作日，不计入时限`
          : `special procedure: ${procedure.name.en}, up to ${procedure.maxDays} working days, not counted`,
      );
    }
    const tail =
      extras.length === 0 ? '' : zh ? `；${extras.join('；')}` : `; ${extras.join('; ')}`;
    return zh
      ? `  ${index + 1}. ${entry.name.zh}（${entry.departmentName.zh}，承诺时限${entry.promisedLimitDays}个工作日${tail}）`
      : `  ${index + 1}. ${entry.name.en} (${entry.departmentName.en}, promised within ${entry.promisedLimitDays} working days${tail})`;
  });

  const path = n.criticalPath.map(itemName).join(' → ');
  const version =
    n.bundle.version === undefined
      ? ''
      : zh
        ? `（第${n.bundle.version}版）`
        : ` (version ${n.bundle.version})`;
  const lines = [
    `${n.bundle.name[lang]}${version} — ${WORDS.title[lang]}`,
    '',
    WORDS.items[lang],
    ...itemLines,
    '',
    ...section(WORDS.bring, n.bring, () => ''),
    '',
    ...section(WORDS.later, n.mayComeLater, () =>
      zh
        ? `，受理后${n.supplementDeadlineDays}个工作日内补交`
        : `, within ${n.supplementDeadlineDays} working days of acceptance`,
    ),
    '',
    ...section(WORDS.held, n.fromHeldLicences, (entry) =>
      zh
        ? `，持有${licence(entry.licenceType)}的免交，否则请携带`
        : `, not needed if you hold a ${licence(entry.licenceType)}, otherwise bring it`,
    ),
    '',
    ...section(WORDS.produced, n.producedInCase, (entry) =>
      zh
        ? `，由本次办理签发的${licence(entry.licenceType)}提供`
        : `, provided by the ${licence(entry.licenceType)} issued in this case`,
    ),
    '',
    WORDS.time[lang],
    zh
      ? `  预计${n.estimatedDays}个工作日（最长链：${path}）；承诺总时限${n.promisedLimitDays}个工作日。`
      : `  About ${n.estimatedDays} working days (longest chain: ${path}); promised within ${n.promisedLimitDays} working days in all.`,
  ];
  return lines.join('\n');
}
