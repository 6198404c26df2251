/**
 * When a clock warns (临近超期) and how long replies and rectifications may take, from the
 * environment, checked once:
 * - `DUE_SOON_RATIO` (default 0.8): due soon once this share of the limit is used;
 * - `DUE_SOON_DAYS_BEFORE`: when set, due soon this many working days before the due
 *   date instead (wins over the ratio);
 * - `COMPLAINT_REPLY_DAYS` (default 5): working days to reply to a complaint (有诉即办);
 * - `RECTIFICATION_DAYS` (default 10): working days to rectify after a poor rating (差评整改).
 */
export interface DeadlineSettings {
  dueSoonRatio: number;
  dueSoonDaysBefore: number | null;
  complaintReplyDays: number;
  rectificationDays: number;
}

export function deadlineSettingsFromEnv(
  env: Record<string, string | undefined> = process.env,
): DeadlineSettings {
  const ratio = numberFrom(env, 'DUE_SOON_RATIO', 0.8, false);
  if (ratio <= 0 || ratio > 1) {
    throw new Error(`DUE_SOON_RATIO must be a number in (0, 1], not ${env.DUE_SOON_RATIO}`);
  }
  const before = env.DUE_SOON_DAYS_BEFORE;
  return {
    dueSoonRatio: ratio,
    dueSoonDaysBefore:
      before === undefined || before === '' ? null : numberFrom(env, 'DUE_SOON_DAYS_BEFORE', 0),
    complaintReplyDays: numberFrom(env, 'COMPLAINT_REPLY_DAYS', 5),
    rectificationDays: numberFrom(env, 'RECTIFICATION_DAYS', 10),
  };
}

/**
 * Working days used after which a clock of `limitDays` is due soon. A limit of one day
 * is due soon at once under the default ratio: there is never a quiet day to wait for.
 */
export function dueSoonAfterDays(limitDays: number, settings: DeadlineSettings): number {
  if (settings.dueSoonDaysBefore !== null) {
    return Math.max(0, limitDays - settings.dueSoonDaysBefore);
  }
  return Math.floor(limitDays * settings.dueSoonRatio);
}

function numberFrom(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  whole = true,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (whole && !Number.isInteger(value))) {
    throw new Error(`${name} must be a ${whole ? 'whole ' : ''}number ≥ 0, not ${raw}`);
  }
  return value;
}
