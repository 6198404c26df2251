/**
 * The officer's task page in one answer: the task, its case and item, the answers the
 * item needs (masked as the role needs), its materials and licences, what happened
 * before, the clocks, and the outcomes this kind of task allows. Assembled from rows
 * already loaded, with no reads of its own.
 */
import type { CompiledBundle, Label, MergedField, ProducedLicence } from '@onevisit/definitions';
import {
  type CaseMaterialView,
  type CaseView,
  type ClockCalendar,
  clockStateOf,
  clockViewOf,
  type ClockView,
  outcomesOfTask,
  remainingDaysAt,
  type TaskOutcomeOption,
  usedDaysAt,
} from '@onevisit/engine';
import type { CaseClockEntity, CaseEventEntity, TaskEntity } from '@onevisit/persistence';
import type { CaseAnswersView } from '../cases/case-answers.reader.js';

/** A clock as it stands now: working days used and left, counted to this moment. */
export interface ClockNow extends ClockView {
  /** Working days used up to now (the running segment included). */
  daysUsed: number;
  /** Working days left now; negative once overdue. */
  daysLeft: number;
}

export interface TaskPageMaterial {
  material: string;
  name: Label;
  acceptedForms: string[];
  /** For this task's item (the bundle's merged view when the task has no item). */
  required: boolean;
  tolerable: boolean;
  satisfiedByLicence: string | null;
  /** Produced by an item of this very case (免证可办). */
  suppliedInCase: { licenceType: string; byItem: string } | null;
  /** Tolerated at intake (容缺) and not handed in yet. */
  missing: boolean;
  /** What the case holds for it: uploads and licence references. */
  records: CaseMaterialView[];
}

/** One earlier step of the case: an event, with its item and reason if it had them. */
export interface TaskPageStep {
  seq: number;
  type: string;
  at: Date;
  actor: Record<string, unknown>;
  item: string | null;
  reason: string | null;
}

export interface TaskPage {
  task: TaskEntity;
  /** Outcomes this kind of task allows (a reason is needed where `needsReason`). */
  outcomes: readonly TaskOutcomeOption[];
  /** The caller can complete it now: it is open, or claimed by the caller. */
  actionable: boolean;
  case: {
    id: string;
    bundle: { code: string; version: number; name: Label };
    status: CaseView['status'];
    version: number;
    applicant: { sub: string; name: string };
    window: string | null;
    createdAt: Date;
  };
  item: {
    code: string;
    name: Label;
    department: string;
    departmentName: Label;
    status: string;
    dueDate: string | null;
    dueFlag: 'due-soon' | 'overdue' | null;
    /** The applicant pledged for it (告知承诺): approved on the pledge, checked afterwards. */
    pledged: boolean;
    specialProcedures: { name: Label; maxDays: number }[];
  } | null;
  /** The special procedure under way, for a procedure task. */
  procedure: { index: number; name: Label; maxDays: number } | null;
  clocks: { item: ClockNow | null; procedure: ClockNow | null; case: ClockNow | null };
  /** The fields the item uses (and the bundle's own), with their answers. */
  form: MergedField[];
  answers: CaseAnswersView;
  materials: TaskPageMaterial[];
  licences: {
    /** Produced in this case (those of this item flagged). */
    produced: (ProducedLicence & { ofThisItem: boolean })[];
    /** Licences the applicant already held, handed in as materials. */
    held: { material: string; licenceNumber: string }[];
  };
  /** The case's steps so far: case-wide ones and those of this item, oldest first. */
  history: TaskPageStep[];
  /** Every task of this item in the case (this one included), oldest first. */
  tasks: Pick<
    TaskEntity,
    'id' | 'kind' | 'status' | 'claimedBy' | 'dueDate' | 'createdAt' | 'completedAt'
  >[];
}

export interface TaskPageInput {
  task: TaskEntity;
  callerSub: string;
  view: CaseView;
  compiled: CompiledBundle;
  answers: CaseAnswersView;
  clocks: CaseClockEntity[];
  events: CaseEventEntity[];
  tasks: TaskEntity[];
  /** Items the applicant pledged for (告知承诺). */
  pledged: string[];
  now: Date;
  calendar: ClockCalendar;
}

/** Whether the task page shows a form field: the bundle's own and the item's. */
export function fieldForTask(task: Pick<TaskEntity, 'item'>): (field: MergedField) => boolean {
  return (field) =>
    task.item === null || field.usedBy.includes('bundle') || field.usedBy.includes(task.item);
}

export function taskPageOf(input: TaskPageInput): TaskPage {
  const { task, view, compiled } = input;
  const notified = compiled.notification.items.find((entry) => entry.item === task.item);
  const itemView = view.items.find((entry) => entry.item === task.item);
  const clock = (kind: CaseClockEntity['kind'], pick?: (row: CaseClockEntity) => boolean) =>
    clockNow(
      input.clocks.filter((row) => row.kind === kind && (pick ? pick(row) : true)).at(-1),
      input,
    );
  const procedureClock = input.clocks
    .filter((row) => row.kind === 'procedure' && row.item === task.item)
    .at(-1);
  const procedureIndex = procedureClock ? Number(procedureClock.key.split(':').at(-1)) : NaN;
  const procedure = notified?.specialProcedures[procedureIndex];
  const closed = task.status === 'done' || task.status === 'cancelled';
  return {
    task,
    outcomes: closed ? [] : outcomesOfTask(task.kind),
    actionable:
      task.status === 'open' || (task.status === 'claimed' && task.claimedBy === input.callerSub),
    case: {
      id: view.id,
      bundle: { ...view.bundle, name: compiled.notification.bundle.name },
      status: view.status,
      version: view.version,
      applicant: view.applicant,
      window: view.window,
      createdAt: view.createdAt,
    },
    item:
      notified && itemView
        ? {
            code: notified.item,
            name: notified.name,
            department: notified.department,
            departmentName: notified.departmentName,
            status: itemView.status,
            dueDate: itemView.dueDate,
            dueFlag: itemView.dueFlag,
            pledged: input.pledged.includes(notified.item),
            specialProcedures: notified.specialProcedures,
          }
        : null,
    procedure:
      task.kind === 'procedure' && procedure ? { index: procedureIndex, ...procedure } : null,
    clocks: {
      item: clock('item', (row) => row.item === task.item),
      procedure: task.kind === 'procedure' ? clockNow(procedureClock, input) : null,
      case: clock('case'),
    },
    form: compiled.form.filter(fieldForTask(task)),
    answers: input.answers,
    materials: materialsOf(input),
    licences: {
      produced: view.licences.map((licence) => ({
        ...licence,
        ofThisItem: licence.item === task.item,
      })),
      held: (view.materials ?? []).flatMap((record) =>
        record.source === 'held-licence' && record.licenceNumber
          ? [{ material: record.material, licenceNumber: record.licenceNumber }]
          : [],
      ),
    },
    history: historyOf(input.events, task.item),
    tasks: input.tasks
      .filter((row) => row.item === task.item)
      .map(({ id, kind, status, claimedBy, dueDate, createdAt, completedAt }) => ({
        id,
        kind,
        status,
        claimedBy,
        dueDate,
        createdAt,
        completedAt,
      })),
  };
}

function clockNow(row: CaseClockEntity | undefined, input: TaskPageInput): ClockNow | null {
  if (!row) return null;
  const state = clockStateOf(row);
  try {
    return {
      ...clockViewOf(row),
      daysUsed: usedDaysAt(state, input.now, input.calendar),
      daysLeft: remainingDaysAt(state, input.now, input.calendar),
    };
  } catch {
    // A running segment reaching into a year without calendar data: show what is stored.
    return { ...clockViewOf(row), daysUsed: row.usedDays, daysLeft: row.limitDays - row.usedDays };
  }
}

function materialsOf({ task, view, compiled }: TaskPageInput): TaskPageMaterial[] {
  return compiled.materials.flatMap((material) => {
    const use = material.usedBy.find((entry) => entry.item === task.item);
    if (task.item !== null && !use) return [];
    return [
      {
        material: material.material,
        name: material.name,
        acceptedForms: [...material.acceptedForms],
        required: use ? use.required : material.required,
        tolerable: use ? use.tolerable : material.tolerable,
        satisfiedByLicence: material.satisfiedByLicence ?? null,
        suppliedInCase: material.suppliedInCase ?? null,
        missing: view.missing.includes(material.material),
        records: (view.materials ?? []).filter((record) => record.material === material.material),
      },
    ];
  });
}

/** Events of the whole case (no item) and of this item; only their item and reason are read. */
function historyOf(events: CaseEventEntity[], item: string | null): TaskPageStep[] {
  return events.flatMap((event) => {
    const about = typeof event.payload.item === 'string' ? event.payload.item : null;
    if (about !== null && item !== null && about !== item) return [];
    return [
      {
        seq: event.seq,
        type: event.type,
        at: event.createdAt,
        actor: event.actor,
        item: about,
        reason: typeof event.payload.reason === 'string' ? event.payload.reason : null,
      },
    ];
  });
}
