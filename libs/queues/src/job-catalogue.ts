/**
 * Every queue and every job, with its payload type: the one place to look.
 *
 * An outbox row's `topic` is a job name and its `payload` that job's data; the relay
 * enqueues it with job id = outbox row id. Payloads carry ids, never whole records:
 * handlers reload what they need, so a retried job sees current state. Two kinds of job
 * report a transition rather than act on the case, and carry what their transition made
 * instead: supervision milestones (their facts) and texts to the applicant (their facts
 * and the phone as stored, encrypted), so that neither reads the case to say what
 * happened.
 */
export enum QueueName {
  Licences = 'licences',
  Notifications = 'notifications',
  Timers = 'timers',
  DataSharing = 'data-sharing',
  Supervision = 'supervision',
  Deadlines = 'deadlines',
}

/**
 * What every case job carries: the case and the case version whose transition made it.
 * A handler that finds the case moved on in a way that makes the job pointless logs a no-op.
 */
export interface CaseJobRef {
  caseId: string;
  caseVersion: number;
}

/** One approved item whose licences a `licence.issue` job issues. */
export interface LicenceIssueItem {
  item: string;
  department: string;
  licenceTypes: string[];
  onPledge: boolean;
}

/** One milestone of a `supervision.case-event` job. */
export interface SupervisionMilestone {
  topic: string;
  item?: string;
  /** The case version of the milestone's transition, when it is not the job's. */
  caseVersion?: number;
  /**
   * The milestone as its transition made it (jobs made before facts were carried look
   * the case up when they run).
   */
  facts?: {
    bundleCode: string;
    bundleVersion: number;
    caseStatus: string;
    itemStatus: string | null;
  };
}

/** What a text to the applicant says: the facts its template is filled with. */
export interface NotificationFacts {
  bundleName: { zh: string; en: string };
  /** Short case reference the applicant can quote at the window. */
  caseRef: string;
  itemName?: { zh: string; en: string };
  reason?: string;
}

/** A text as its transition made it. */
export interface NotificationMessage {
  /**
   * The applicant's phone as the case stores it (encrypted: a phone field is personal
   * data), or null when the answers have none. Never plaintext: a payload is kept in the
   * outbox and in Redis.
   */
  to: string | null;
  facts: NotificationFacts;
}

export interface JobPayloads {
  /**
   * Issue the e-licences (电子证照) of the items one transition approved, seal them, and
   * record them (one LICENCE_ISSUED per item) in one case transaction. Jobs made before
   * items were gathered carry one item in the fields of `LicenceIssueItem` instead.
   */
  'licence.issue': CaseJobRef & {
    /** The case's pinned bundle version (jobs made before it was carried look it up). */
    bundle?: { code: string; version: number };
  } & ({ items: LicenceIssueItem[] } | LicenceIssueItem);
  /** Revoke an item's licences (failed post-check): they verify as revoked from then on. */
  'licence.revoke': CaseJobRef & { item: string; department: string; licenceTypes: string[] };
  /**
   * Tell the applicant (SMS / online message) with one of the machine's templates.
   * `message` is the text as its transition made it; jobs made before messages were
   * carried (or whose case stored the phone unencrypted) look the case up.
   */
  'notification.send': CaseJobRef & {
    template: string;
    item?: string;
    message?: NotificationMessage;
  };
  /** A timer (supplement deadline, post-check due) come due: send its event to the case. */
  'timer.fire': CaseJobRef & {
    timer: 'supplement-deadline' | 'post-check-due';
    item?: string;
    sends?: string;
  };
  /** Check the applicant's identity against the shared population / enterprise data. */
  'data-sharing.identity-check': CaseJobRef;
  /**
   * Push the case milestones of one transition to the supervision platform, as one
   * message. Jobs made before milestones were gathered carry one milestone in the fields
   * of `SupervisionMilestone` instead.
   */
  'supervision.case-event': CaseJobRef &
    ({ milestones: SupervisionMilestone[] } | SupervisionMilestone);
  /** 事项目录同步: report a newly published bundle version to the supervision platform. */
  'supervision.bundle-published': { bundleCode: string; version: number; checksum: string };
  /**
   * A time-limit clock reaches due-soon (临近超期) or overdue (超期): flag it and warn the
   * department and the supervisors. `generation` is the clock's at scheduling time: a
   * clock paused, resumed or stopped since then has moved on and the job is a no-op.
   */
  /**
   * A complaint reply or a rectification (差评整改) is due: warn the department and the
   * supervisors when it is still open. `dueDate` is the one it was scheduled for: a later
   * date (the deadline moved) makes the job a no-op.
   */
  'deadline.follow-up': { subject: 'complaint' | 'rectification'; id: string; dueDate: string };
  'deadline.check': CaseJobRef & {
    clock: string;
    generation: number;
    stage: 'due-soon' | 'overdue';
  };
  /** Texts of several transitions relayed together: each entry as its own job would be. */
  'notification.send-batch': { entries: BatchEntry<'notification.send'>[] };
  /** Supervision messages of several transitions relayed together, likewise. */
  'supervision.case-event-batch': { entries: BatchEntry<'supervision.case-event'>[] };
}

/**
 * Jobs the relay may put together when it finds several in one pass: each reports one
 * transition and reads nothing, so one worker run can carry many. Each entry keeps the id
 * its own job would have had (its outbox row's), which is also the message id the
 * gateway dedupes by.
 */
export const BATCHED_AS = {
  'notification.send': 'notification.send-batch',
  'supervision.case-event': 'supervision.case-event-batch',
} as const;

export type BatchableJobName = keyof typeof BATCHED_AS;

/** One job carried by a batch job. */
export interface BatchEntry<N extends BatchableJobName> {
  /** The id its own job would have had: its outbox row's. */
  id: string;
  data: JobPayloads[N];
}

export type JobName = keyof JobPayloads;

export interface JobOf<N extends JobName> {
  name: N;
  data: JobPayloads[N];
}

/** The discriminated union of all jobs, for exhaustive switches in processors. */
export type AnyJob = { [N in JobName]: JobOf<N> }[JobName];

export const QUEUE_OF_JOB = {
  'licence.issue': QueueName.Licences,
  'licence.revoke': QueueName.Licences,
  'notification.send': QueueName.Notifications,
  'timer.fire': QueueName.Timers,
  'data-sharing.identity-check': QueueName.DataSharing,
  'supervision.case-event': QueueName.Supervision,
  'supervision.bundle-published': QueueName.Supervision,
  'deadline.check': QueueName.Deadlines,
  'deadline.follow-up': QueueName.Deadlines,
  'notification.send-batch': QueueName.Notifications,
  'supervision.case-event-batch': QueueName.Supervision,
} as const satisfies { readonly [N in JobName]: QueueName };

/** The jobs of one queue: what that queue's processor must handle (exhaustive switch). */
export type JobInQueue<Q extends QueueName> = {
  [N in JobName]: (typeof QUEUE_OF_JOB)[N] extends Q ? JobOf<N> : never;
}[JobName];

/** The items of a `licence.issue` job, whichever shape it was made in. */
export function licenceItemsOf(data: JobPayloads['licence.issue']): LicenceIssueItem[] {
  if ('items' in data) return data.items;
  const { item, department, licenceTypes, onPledge } = data;
  return [{ item, department, licenceTypes, onPledge }];
}

/** The milestones of a `supervision.case-event` job, whichever shape it was made in. */
export function milestonesOf(data: JobPayloads['supervision.case-event']): SupervisionMilestone[] {
  if ('milestones' in data) return data.milestones;
  const { topic, item, facts } = data;
  return [{ topic, ...(item === undefined ? {} : { item }), ...(facts ? { facts } : {}) }];
}

export function isJobName(topic: string): topic is JobName {
  return Object.hasOwn(QUEUE_OF_JOB, topic);
}

export function isBatchable(name: JobName): name is BatchableJobName {
  return Object.hasOwn(BATCHED_AS, name);
}
