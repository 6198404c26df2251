import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  Injectable,
  NotFoundException,
  Optional,
} from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { initialTransition } from 'xstate';
import {
  allowedEvents,
  type AnswerError,
  type Answers,
  type CaseContext,
  type CaseEvent,
  type CaseInput,
  type CaseSnapshot,
  effectsOf,
  type PersistedCaseSnapshot,
  restoreCaseSnapshot,
  startCase,
  transitionCase,
  validateAnswers,
} from '@onevisit/definitions';
import {
  CaseEntity,
  CaseEventEntity,
  CaseItemEntity,
  CasePledgeEntity,
  EvaluationEntity,
  readForAfterCommit,
  sendUpdate,
  TaskEntity,
  TransactionRunner,
} from '@onevisit/persistence';
import { type LicenceIssueItem, OutboxPing, OutboxRelay, outboxRowOf } from '@onevisit/queues';
import { type Actor, actorRecord } from './actor.js';
import { insertRow, insertRows } from './typed-writes.js';
import { refusalOf } from './case-authorisation.js';
import { CaseCipher } from './case-cipher.js';
import type { ApplyOptions, StartCaseCommand } from './case-commands.js';
import { CaseDefinitions, LatestVersionMoved, type PinnedDefinition } from './case-definitions.js';
import { writeTransitionEffects } from './case-effects.writer.js';
import { licenceRequestsOf } from './licence-requests.js';
import { caseRowStatements } from './case-row.sql.js';
import { wakeRelaysAfterCommit } from './relay-wakeup.js';
import { TransitionPreviews } from './transition-previews.js';
import { lockWithRowsAhead } from './transaction-reads.js';
import { TransactionWrites } from './transaction-writes.js';
import { CaseEventRejected, StaleCaseVersion } from './case-errors.js';
import { caseStatusOf } from './case-status.js';
import { applicantTodoOf, type CaseView } from './case-view.js';
import { WorkingTime } from './working-time.js';
import { type CaseViewRows, caseReadsOf } from './case-reads.js';

/**
 * Chooses, under the case's row lock, the events to apply in order (none: write nothing),
 * after doing with `manager` the work they report. `row` has its answers decrypted.
 */
export type EventDecision = (
  row: CaseEntity,
  manager: EntityManager,
) => Promise<readonly CaseEvent[]>;

/** Events a second party adds to a decision's transaction (see `applyDecided`). */
export interface FollowUp {
  decide: EventDecision;
  actor: Actor;
}

/** What the caller of `applyDecided` adds to its transaction. */
export interface DecidedOptions {
  followUp?: FollowUp;
  /**
   * Called as the case's row lock is sent: a read it starts with the manager goes out
   * with the lock in one socket write (PostgreSQL) and runs once the lock is granted,
   * instead of costing a round trip of its own when `decide` needs its answer.
   */
  readWithLock?: (manager: EntityManager) => void;
}

/** The event recorded as seq 1: the applicant's submission, with the machine input as payload. */
export const START_EVENT = 'START';

/** One event applied: the state before and after it, and the actions it returned. */
interface TransitionStep {
  event: CaseEvent;
  /** Who sent it: a follow-up's events are recorded as its own actor's. */
  actor: Actor;
  before: CaseSnapshot;
  next: CaseSnapshot;
  actions: readonly { type: string; params?: unknown }[];
}

/** The rows of a command's view, read in its transaction (wrapped: not awaited there). */
interface CommandView {
  answer: Promise<CaseViewRows>;
}

/** How many times a start tries when the bundle's newest version changes under it. */
const START_ATTEMPTS = 3;

/** How many times `apply` without an expected version tries a write that lost a race. */
const STALE_WRITE_ATTEMPTS = 5;

export interface ReplayResult {
  matches: boolean;
  stored: PersistedCaseSnapshot;
  replayed: PersistedCaseSnapshot;
}

/**
 * The case engine: every change of a case goes through `start` or `apply`, each one
 * pure machine transition and one database transaction (case row, event, read models,
 * outbox), as in "the path of one event".
 */
@Injectable()
export class CaseService {
  /** Transitions `licencesRequestedBy` computed, for the transaction that follows. */
  private readonly previews = new TransitionPreviews<TransitionStep>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly definitions: CaseDefinitions,
    private readonly time: WorkingTime,
    private readonly cipher: CaseCipher,
    // Present where this process runs the outbox relay (worker, embedded): woken after each
    // commit so the new jobs go out now rather than at its next idle poll.
    @Optional() private readonly relay?: OutboxRelay,
    // Wakes the relays of other processes (the API's commits, relayed by the worker).
    @Optional() private readonly ping?: OutboxPing,
  ) {}

  async start(command: StartCaseCommand, actor: Actor): Promise<CaseView> {
    for (let attempt = 1; ; attempt++) {
      // After a miss, read the newest version again rather than trust what was kept.
      const fresh = attempt > 1;
      const definition = await this.definitions.latest(command.bundleCode, { fresh });
      try {
        return await this.startOn(definition, command, actor);
      } catch (error) {
        if (!(error instanceof LatestVersionMoved)) throw error;
        // Another version was published (or this one retired) since the version was read.
        if (attempt >= START_ATTEMPTS) {
          throw new ConflictException(
            `Bundle ${command.bundleCode} changed version while the case was being started; send it again`,
          );
        }
      }
    }
  }

  private async startOn(
    definition: PinnedDefinition,
    command: StartCaseCommand,
    actor: Actor,
  ): Promise<CaseView> {
    const applicant = this.applicantOf(command, actor);
    const checked = validateAnswers(definition.compiled.form, command.answers);
    if (checked.errors.length > 0 || !checked.value) throw answersInvalid(checked.errors);
    const pledges = command.pledges ?? [];
    this.checkPledges(
      definition,
      pledges.map((pledge) => pledge.item),
    );

    const input: CaseInput = { answers: checked.value, pledged: pledges.map((p) => p.item) };
    const [snapshot, actions] = startCase(definition.machine, input);
    const persisted = persistedOf(definition, snapshot);
    const status = caseStatusOf(snapshot.value);
    const now = new Date();
    const row: CaseEntity = {
      id: randomUUID(),
      bundleCode: definition.code,
      bundleVersion: definition.version,
      status,
      snapshot: this.cipher.sealSnapshot(definition, persisted),
      version: 1,
      applicantSub: applicant.sub,
      applicantName: applicant.name,
      proxySub:
        actor.kind === 'user' && applicant.sub !== actor.identity.sub ? actor.identity.sub : null,
      window: actor.kind === 'user' ? (actor.identity.window ?? null) : null,
      createdAt: now,
      updatedAt: now,
    };
    const view = await this.transactions.run(async (manager) => {
      await this.definitions.confirmLatest(manager, definition);
      await insertRow(manager, CaseEntity, row);
      await insertRow(manager, CaseEventEntity, {
        id: randomUUID(),
        caseId: row.id,
        seq: 1,
        type: START_EVENT,
        payload: this.cipher.sealPayload(definition, input as unknown as Record<string, unknown>),
        actor: actorRecord(actor),
        fromState: null,
        toState: JSON.stringify(snapshot.value),
        createdAt: now,
      });
      for (const pledge of pledges) {
        await insertRow(manager, CasePledgeEntity, {
          caseId: row.id,
          item: pledge.item,
          text: pledge.text,
          signature: pledge.signature,
          signedAt: now,
        });
      }
      const writes = new TransactionWrites();
      // 共享核验: the applicant's identity is checked against shared data once per case.
      writes.addOutbox(
        outboxRowOf({
          name: 'data-sharing.identity-check',
          data: { caseId: row.id, caseVersion: 1 },
        }),
      );
      await writeTransitionEffects(
        manager,
        {
          caseId: row.id,
          version: 1,
          status,
          statusBefore: null,
          event: null,
          before: null,
          after: snapshot.context,
          effects: effectsOf(actions),
          definition,
          now,
          storedAnswers: storedAnswersOf(row.snapshot),
        },
        this.time,
        writes,
      );
      await writes.flush(manager, row.id);
      return this.viewInTransaction(manager, row.id);
    });
    this.committed();
    return this.viewFrom(await view.answer);
  }

  /**
   * Sends `event` to the case. A caller that named no `expectedVersion` means "the case as
   * it is now": the case is read under its row lock, so another writer (a worker reporting
   * a licence, say) goes before or after, never in between. A caller that named a version
   * gets 409 when the case has moved past it. The version check on write stays as a
   * safety net, and a write that still loses it is tried again on the fresh state.
   */
  async apply(
    caseId: string,
    event: CaseEvent,
    actor: Actor,
    options: ApplyOptions = {},
  ): Promise<CaseView> {
    let view: CommandView | undefined;
    await this.applyWithRetries(caseId, event, actor, options, async (manager) => {
      view = await this.viewInTransaction(manager, caseId);
    });
    if (!view) throw new Error(`case ${caseId}: ${event.type} was applied without its view`);
    return this.viewFrom(await view.answer);
  }

  /**
   * `apply` for internal callers (workers): the same checks, transaction and retries, but
   * it returns the committed case row (snapshot opened) instead of building the tracking
   * view, which costs four more queries (items, timeline, materials, clocks) per event.
   */
  async applyToRow(
    caseId: string,
    event: CaseEvent,
    actor: Actor,
    options: ApplyOptions = {},
  ): Promise<CaseEntity> {
    return this.applyWithRetries(caseId, event, actor, options);
  }

  /** `applyToRow`, with `afterWrites` run in each attempt's transaction after its writes. */
  private async applyWithRetries(
    caseId: string,
    event: CaseEvent,
    actor: Actor,
    options: ApplyOptions,
    afterWrites?: (manager: EntityManager) => Promise<void>,
  ): Promise<CaseEntity> {
    for (let attempt = 1; ; attempt++) {
      try {
        const committed = await this.applyOnce(caseId, event, actor, options, afterWrites);
        // A plain event either applies or throws: only a decision may choose to write nothing.
        if (!committed) throw new Error(`case ${caseId}: ${event.type} was not applied`);
        return committed;
      } catch (error) {
        const retry =
          error instanceof StaleCaseVersion &&
          options.expectedVersion === undefined &&
          attempt < STALE_WRITE_ATTEMPTS;
        if (!retry) throw error;
        // Writers of one case row (its items' jobs) spread out instead of colliding in step.
        await staleBackoff(attempt);
      }
    }
  }

  /**
   * For a worker whose events depend on work that must be written with them (licences and
   * the LICENCE_ISSUED events that record them): `decide` runs inside the transaction, on
   * the case as it is under the row lock, may write with the manager it is given, and
   * returns the events to apply in order, each its own transition with its own event row
   * and effects, or none to write nothing (the case no longer needs the work). Returns the
   * committed row, or null when nothing was applied.
   *
   * `options.followUp`, when given, then runs on the case as those events leave it (not yet
   * written) and may add events of its own, sent as its own actor, to the same
   * transaction: a worker whose event approves items issues their licences there and
   * records them (LICENCE_ISSUED), and the licence job the approval asked for is not
   * written.
   */
  async applyDecided(
    caseId: string,
    decide: EventDecision,
    actor: Actor,
    options: DecidedOptions = {},
  ): Promise<CaseEntity | null> {
    return this.applyOnce(caseId, decide, actor, {}, undefined, options);
  }

  /**
   * The licences that `actor` applying `events` to `row` (opened, as `load` returns it)
   * would ask to issue, in order; nothing is written. The events go through the same
   * checks and transitions as in `applyDecided`: one the case would refuse asks for
   * nothing. A worker that will issue them in the same transaction (`followUp`) reserves
   * their numbers first, outside it.
   */
  async licencesRequestedBy(
    row: CaseEntity,
    events: readonly CaseEvent[],
    actor: Actor,
  ): Promise<LicenceIssueItem[]> {
    const definition = await this.definitions.pinned(row.bundleCode, row.bundleVersion);
    const first = restoreCaseSnapshot(
      definition.machine,
      row.snapshot as unknown as PersistedCaseSnapshot,
    );
    try {
      const steps = this.transitionsOf(definition, first, events, actor, row);
      this.previews.remember(row.id, row.version, actor, events, { first, steps });
      return steps.flatMap((step) => licenceRequestsOf(effectsOf(step.actions)));
    } catch (error) {
      // Refused (403, 409, …): the transaction would refuse it too, and issue nothing.
      if (error instanceof HttpException) return [];
      throw error;
    }
  }

  /**
   * One attempt: inside one transaction, read the case under a row lock (PostgreSQL;
   * SQLite runs one write transaction at a time anyway), check, transition, write. Writers
   * of one case — its items' jobs, a clerk — queue on the lock instead of reading the
   * same version, losing the version check and starting over. A decision's events are
   * applied one after the other, each checked and recorded as its own transition, and the
   * case row is written once with the last state.
   */
  private async applyOnce(
    caseId: string,
    eventOrDecision: CaseEvent | EventDecision,
    actor: Actor,
    options: ApplyOptions,
    afterWrites?: (manager: EntityManager) => Promise<void>,
    { followUp, readWithLock }: DecidedOptions = {},
  ): Promise<CaseEntity | null> {
    const committed = await this.transactions.run(async (manager) => {
      const { locked, ahead } = lockWithRowsAhead(
        manager,
        caseId,
        () => this.lockForUpdate(manager, caseId),
        readWithLock,
      );
      const row = await locked;
      const definition = await this.definitions.pinned(row.bundleCode, row.bundleVersion);
      if (options.expectedVersion !== undefined && options.expectedVersion !== row.version) {
        throw new StaleCaseVersion(caseId, options.expectedVersion);
      }
      const opened = this.cipher.openRow(row);
      const events =
        typeof eventOrDecision === 'function'
          ? await eventOrDecision(opened, manager)
          : [eventOrDecision];
      if (events.length === 0) return null;

      // The same events on the same version, previewed by the caller: the same transitions.
      const preview = this.previews.take(row.id, row.version, actor, events);
      const first =
        preview?.first ??
        restoreCaseSnapshot(
          definition.machine,
          opened.snapshot as unknown as PersistedCaseSnapshot,
        );
      const now = new Date();
      const steps = preview
        ? [...preview.steps]
        : this.transitionsOf(definition, first, events, actor, row);
      if (followUp) {
        const decided = steps[steps.length - 1].next;
        const more = await followUp.decide(
          {
            ...opened,
            snapshot: persistedOf(definition, decided) as unknown as CaseEntity['snapshot'],
            status: caseStatusOf(decided.value),
            version: row.version + steps.length,
          },
          manager,
        );
        steps.push(...this.transitionsOf(definition, decided, more, followUp.actor, row));
      }
      const last = steps[steps.length - 1];
      const version = row.version + steps.length;
      const status = caseStatusOf(last.next.value);
      const persisted = persistedOf(definition, last.next);
      // Answers the events left alone keep their stored ciphertext: no new encryption.
      const sealed =
        last.next.context.answers === first.context.answers
          ? sealedWithAnswersOf(persisted, row)
          : this.cipher.sealSnapshot(definition, persisted);

      // Outbox rows and gathered jobs of all the steps are written once, after the last.
      const shared = new TransactionWrites(ahead);
      if (options.completingTask) {
        await this.closeTask(manager, options.completingTask, now);
        shared.taskClosed(options.completingTask);
      }
      await caseRowStatements(manager).update(
        manager,
        caseId,
        row.version,
        { snapshot: sealed, status, version, updatedAt: now },
        () => new StaleCaseVersion(caseId, row.version),
      );
      await insertRows(
        manager,
        CaseEventEntity,
        steps.map((step, index) => ({
          id: randomUUID(),
          caseId,
          seq: row.version + index + 1,
          type: step.event.type,
          payload: this.cipher.sealPayload(definition, { ...step.event }),
          actor: actorRecord(step.actor),
          fromState: JSON.stringify(step.before.value),
          toState: JSON.stringify(step.next.value),
          createdAt: now,
        })),
      );
      let statusBefore = row.status;
      for (const [index, step] of steps.entries()) {
        const stepStatus = caseStatusOf(step.next.value);
        const { event } = step;
        if (event.type === 'RATE') {
          await insertRow(manager, EvaluationEntity, {
            caseId,
            level: event.level,
            comment: event.comment ?? null,
            ratedBy: options.anonymousRating || actor.kind !== 'user' ? null : actor.identity.sub,
            createdAt: now,
          });
        }
        await writeTransitionEffects(
          manager,
          {
            caseId,
            version: row.version + index + 1,
            status: stepStatus,
            statusBefore,
            event,
            before: step.before.context,
            after: step.next.context,
            effects: effectsOf(step.actions),
            definition,
            now,
            ...(options.completingTask ? { completingTask: options.completingTask } : {}),
            ...(options.anonymousRating ? { anonymousRating: true } : {}),
            storedAnswers: storedAnswersOf(sealed),
          },
          this.time,
          shared,
        );
        statusBefore = stepStatus;
      }
      await shared.flush(manager, caseId);
      await afterWrites?.(manager);
      return {
        ...opened,
        snapshot: persisted as unknown as CaseEntity['snapshot'],
        status,
        version,
        updatedAt: now,
      };
    });
    if (committed) this.committed();
    return committed;
  }

  /**
   * The pure part: each event checked (who may send it, whether the case accepts it now)
   * and applied to the state the one before left. Throws on the first that fails, so a
   * decision's events are written all or none.
   */
  private transitionsOf(
    definition: PinnedDefinition,
    first: CaseSnapshot,
    events: readonly CaseEvent[],
    actor: Actor,
    row: CaseEntity,
  ): TransitionStep[] {
    const steps: TransitionStep[] = [];
    let snapshot = first;
    for (const event of events) {
      const refusal = refusalOf(actor, event, {
        applicantSub: row.applicantSub,
        departments: definition.departments,
        window: row.window,
      });
      if (refusal) throw new ForbiddenException(refusal);
      if (event.type === 'ACCEPT_WITH_DEFICIENCIES') this.checkTolerable(definition, event.missing);
      if (event.type === 'DELIVER') refuseWhileIssuing(snapshot.context);
      if (!snapshot.can(event)) {
        throw new CaseEventRejected(
          event.type,
          snapshot.value,
          allowedEvents(definition.compiled.machine, snapshot),
        );
      }
      const [next, actions] = transitionCase(definition.machine, snapshot, event);
      steps.push({ event, actor, before: snapshot, next, actions });
      snapshot = next;
    }
    return steps;
  }

  /** The stored (sealed) case row, locked for the rest of the transaction. */
  private async lockForUpdate(manager: EntityManager, caseId: string): Promise<CaseEntity> {
    const row = await caseRowStatements(manager).lock(manager, caseId);
    if (!row) throw new NotFoundException(`No case ${caseId}`);
    return row;
  }

  /** The tracking view of a case with its timeline; NotFoundException when absent. */
  async get(caseId: string): Promise<CaseView> {
    // One statement on PostgreSQL; the row's answers stay encrypted (not shown).
    return this.viewFrom(await caseReadsOf(this.dataSource).viewRows(caseId));
  }

  /**
   * A command's outcome as its caller sees it: its case's tracking view, read in its
   * transaction after its writes, and looked at only once the transaction has committed
   * (on PostgreSQL the read then goes out with the COMMIT: no round trip of its own).
   */
  private viewInTransaction(manager: EntityManager, caseId: string): Promise<CommandView> {
    return readForAfterCommit(manager, (inTransaction) =>
      caseReadsOf(this.dataSource).viewRows(caseId, inTransaction),
    );
  }

  private async viewFrom({
    row,
    items,
    timeline,
    materials,
    clocks,
  }: CaseViewRows): Promise<CaseView> {
    const definition = await this.definitions.pinned(row.bundleCode, row.bundleVersion);
    return {
      ...viewOf(row, definition, items),
      clocks,
      materials: materials.map((material) => ({
        material: material.material,
        source: material.source,
        licenceNumber: material.licenceNumber,
        at: material.createdAt,
      })),
      timeline: timeline.map((event) => ({
        seq: event.seq,
        type: event.type,
        actor: event.actor,
        from: event.fromState === null ? null : (JSON.parse(event.fromState) as unknown),
        to: JSON.parse(event.toState) as unknown,
        at: event.createdAt,
      })),
    };
  }

  /** The current version of a case (cheap: for live updates). */
  async versionOf(caseId: string): Promise<number> {
    return caseReadsOf(this.dataSource).version(caseId);
  }

  /** Cases of an applicant, or of a window (a clerk without a window sees every case), newest first. */
  async list(filter: { applicantSub?: string; window?: string }, limit = 100): Promise<CaseView[]> {
    const rows = await caseReadsOf(this.dataSource).casesWithItems(filter, limit);
    return Promise.all(
      rows.map(async ({ row, items }) =>
        viewOf(row, await this.definitions.pinned(row.bundleCode, row.bundleVersion), items),
      ),
    );
  }

  /**
   * Replays the stored events through the pinned machine from the case's input and says
   * whether the result is the stored snapshot: the audit trail explains the state.
   */
  async replayCase(caseId: string): Promise<ReplayResult> {
    const row = await this.load(caseId);
    const definition = await this.definitions.pinned(row.bundleCode, row.bundleVersion);
    const events = await this.dataSource.manager.find(CaseEventEntity, {
      where: { caseId },
      order: { seq: 'ASC' },
    });
    const [first, ...rest] = events;
    if (first?.type !== START_EVENT)
      throw new ConflictException(`Case ${caseId} has no start event`);
    // XState's own helper for the start, not the engine's `startCase`: the audit checks the
    // engine's start against the library rather than against itself.
    let [snapshot] = initialTransition(
      definition.machine,
      this.cipher.openPayload(first.payload) as unknown as CaseInput,
    );
    for (const event of rest) {
      const payload = this.cipher.openPayload(event.payload) as unknown as CaseEvent;
      [snapshot] = transitionCase(definition.machine, snapshot, payload);
    }
    const stored = row.snapshot as unknown as PersistedCaseSnapshot;
    const replayed = persistedOf(definition, snapshot);
    const comparable = (value: PersistedCaseSnapshot) =>
      JSON.stringify({ value: value.value, context: value.context, status: value.status });
    return { matches: comparable(stored) === comparable(replayed), stored, replayed };
  }

  /**
   * Answers for a resubmission (补正), checked with what the case already holds: a 400
   * names each bad field. Returns the normalised answers.
   */
  async checkedAnswers(caseId: string, answers: Record<string, unknown>): Promise<Answers> {
    const row = await this.load(caseId);
    const definition = await this.definitions.pinned(row.bundleCode, row.bundleVersion);
    const held = (row.snapshot as unknown as PersistedCaseSnapshot).context.answers;
    const checked = validateAnswers(definition.compiled.form, { ...held, ...answers });
    if (checked.errors.length > 0 || !checked.value) throw answersInvalid(checked.errors);
    return checked.value;
  }

  /** The case row; NotFoundException when absent. */
  async load(
    caseId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CaseEntity> {
    const row = await caseRowStatements(manager).read(manager, caseId);
    if (!row) throw new NotFoundException(`No case ${caseId}`);
    return this.cipher.openRow(row);
  }

  /** New outbox rows are committed: relay them now, here or in the worker. */
  private committed(): void {
    wakeRelaysAfterCommit(this.relay, this.ping);
  }

  private applicantOf(command: StartCaseCommand, actor: Actor): { sub: string; name: string } {
    if (actor.kind === 'system') {
      if (!command.applicant) throw new BadRequestException('applicant is required');
      return command.applicant;
    }
    const { identity } = actor;
    if (identity.roles.includes('applicant') && !command.applicant) {
      return { sub: identity.sub, name: identity.name };
    }
    if (identity.roles.includes('clerk')) {
      if (!command.applicant) {
        throw new BadRequestException({
          statusCode: 400,
          error: 'Bad Request',
          message: 'applicant is required when a clerk starts a case',
          errors: [{ field: 'applicant', message: 'is required when a clerk starts a case' }],
        });
      }
      return command.applicant;
    }
    throw new ForbiddenException(`${identity.sub} may not start a case for someone else`);
  }

  private checkPledges(definition: PinnedDefinition, items: string[]): void {
    const allowed = new Map(
      definition.compiled.notification.items.map((item) => [item.item, item.commitmentAllowed]),
    );
    const errors = items.flatMap((item, index) => {
      if (!allowed.has(item))
        return [
          { field: `pledges.${index}.item`, message: `${item} is not an item of this bundle` },
        ];
      if (!allowed.get(item))
        return [
          {
            field: `pledges.${index}.item`,
            message: `${item} does not allow notification-commitment`,
          },
        ];
      if (items.indexOf(item) !== index)
        return [{ field: `pledges.${index}.item`, message: `${item} is pledged twice` }];
      return [];
    });
    if (errors.length > 0) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
        errors,
      });
    }
  }

  /** 容缺: every missing material must be tolerable for every item that needs it. */
  private checkTolerable(definition: PinnedDefinition, missing: string[]): void {
    const materials = new Map(
      definition.compiled.materials.map((entry) => [entry.material, entry]),
    );
    for (const code of missing) {
      const entry = materials.get(code);
      if (!entry)
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          material: code,
          message: `${code} is not a material of this bundle`,
        });
      const strict = entry.usedBy.filter((use) => !use.tolerable).map((use) => use.item);
      if (strict.length > 0) {
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          material: code,
          items: strict,
          message: `${code} is not tolerable (容缺) for ${strict.join(', ')}: it cannot be missing at acceptance`,
        });
      }
    }
  }

  /** Marks the completed task done, once: a second completion finds it closed and gets 409. */
  private closeTask(manager: EntityManager, taskId: string, now: Date): Promise<void> {
    return sendUpdate(
      manager,
      TaskEntity,
      { id: taskId, status: In(['open', 'claimed']) },
      { status: 'done', completedAt: now },
      { affected: 1, otherwise: () => new ConflictException(`Task ${taskId} is already closed`) },
    );
  }
}

/**
 * 一次办好: results go out together. A pledged item counts as done at once, before its
 * licence job has run; delivering then would leave that licence behind.
 */
function refuseWhileIssuing(context: CaseContext): void {
  const pending = context.licences.filter((licence) => licence.number === null && !licence.revoked);
  if (pending.length === 0) return;
  throw new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    code: 'results-pending',
    message: `results are not all issued yet: ${pending.map((l) => `${l.type} (${l.item})`).join(', ')}`,
    pending: pending.map((licence) => ({ item: licence.item, type: licence.type })),
  });
}

/** A short random pause before retrying a lost race: about 1–2, 2–4, 4–8 … ms, at most 32. */
function staleBackoff(attempt: number): Promise<void> {
  const ceiling = Math.min(32, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ceiling / 2 + (Math.random() * ceiling) / 2));
}

function answersInvalid(errors: AnswerError[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `${errors.length} invalid answer(s): ${errors.map((e) => `answers.${e.field}`).join(', ')}`,
    errors: errors.map((e) => ({ field: `answers.${e.field}`, message: e.message })),
  });
}

/**
 * The snapshot to store when the answers did not change: the new snapshot with the
 * stored row's (already encrypted) answers.
 */
function sealedWithAnswersOf(
  persisted: PersistedCaseSnapshot,
  stored: CaseEntity,
): CaseEntity['snapshot'] {
  const storedContext = (stored.snapshot as unknown as PersistedCaseSnapshot).context;
  return {
    ...persisted,
    context: { ...persisted.context, answers: storedContext.answers },
  };
}

function persistedOf(definition: PinnedDefinition, snapshot: CaseSnapshot): PersistedCaseSnapshot {
  const persisted = definition.machine.getPersistedSnapshot(
    snapshot,
  ) as unknown as PersistedCaseSnapshot;
  // Round-trip through JSON: what is compared and replayed is exactly what the column holds.
  return JSON.parse(JSON.stringify(persisted)) as PersistedCaseSnapshot;
}

function viewOf(row: CaseEntity, definition: PinnedDefinition, items: CaseItemEntity[]): CaseView {
  const persisted = row.snapshot as unknown as PersistedCaseSnapshot;
  const context: CaseContext = persisted.context;
  return {
    id: row.id,
    bundle: { code: row.bundleCode, version: row.bundleVersion },
    status: row.status,
    version: row.version,
    applicant: { sub: row.applicantSub, name: row.applicantName },
    proxySub: row.proxySub,
    window: row.window,
    state: persisted.value,
    outcome: context.outcome,
    outcomeReason: context.outcomeReason,
    items: items.map((item) => ({
      item: item.item,
      department: item.department,
      status: item.status,
      dueDate: item.dueDate,
      clock: item.clock,
      daysUsed: item.daysUsed,
      dueFlag: item.dueFlag,
      reason: item.reason as CaseView['items'][number]['reason'],
    })),
    problems: context.problems,
    missing: context.missing,
    licences: context.licences,
    breaches: context.breaches,
    rating: context.rating,
    applicantTodo: applicantTodoOf(row.status, context),
    allowedEvents: allowedEvents(definition.compiled.machine, persisted),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The answers of a stored (sealed) snapshot: personal ones encrypted. */
function storedAnswersOf(sealed: Record<string, unknown>): Record<string, unknown> | undefined {
  const context = sealed.context as { answers?: unknown } | undefined;
  const answers = context?.answers;
  return typeof answers === 'object' && answers !== null && !Array.isArray(answers)
    ? (answers as Record<string, unknown>)
    : undefined;
}
