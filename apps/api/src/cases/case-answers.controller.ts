import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Identity, Roles } from '@onevisit/auth';
import type { PersistedCaseSnapshot } from '@onevisit/definitions';
import { CaseDefinitions, CaseService } from '@onevisit/engine';
import { isPersonalField, maskValue, PiiAccessLog } from '@onevisit/pii';
import { visibleCase } from './case-access.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';

export interface CaseAnswersView {
  caseId: string;
  answers: Record<string, unknown>;
  /** Personal fields shown masked to this caller. */
  masked: string[];
}

/** Route recorded in the access log for reads through this controller. */
const PURPOSE = 'GET /cases/:id/answers';

/**
 * The form answers of a case (一表申请的内容), with personal data shown in full only to
 * those who need it: the applicant, the window serving the case, and officers for the
 * fields their department's items use. Supervisors and admins see it masked. Every
 * staff read of personal fields is written to the access log.
 */
@ApiTags('cases')
@Controller('cases')
export class CaseAnswersController {
  constructor(
    private readonly cases: CaseService,
    private readonly definitions: CaseDefinitions,
    private readonly accessLog: PiiAccessLog,
  ) {}

  @Get(':id/answers')
  @Roles('applicant', 'clerk', 'officer', 'supervisor', 'admin')
  @ApiOperation({
    summary:
      'The form answers; personal data masked for roles that do not need it, staff reads logged',
  })
  async answers(
    @Param('id', UuidParamPipe) id: string,
    @CurrentUser() user: Identity,
  ): Promise<CaseAnswersView> {
    const view = visibleCase(await this.cases.get(id), user);
    const row = await this.cases.load(id);
    const definition = await this.definitions.pinned(row.bundleCode, row.bundleVersion);
    const answers = { ...(row.snapshot as unknown as PersistedCaseSnapshot).context.answers };
    const ownItems = new Set(view.items.map((item) => item.item));
    const shown: { key: string; shown: 'full' | 'masked' }[] = [];
    for (const field of definition.compiled.form.filter(isPersonalField)) {
      if (answers[field.key] === undefined || answers[field.key] === null) continue;
      const full = needsInFull(user, view.applicant.sub, field.usedBy, ownItems);
      if (!full) answers[field.key] = maskValue(answers[field.key], field.type);
      shown.push({ key: field.key, shown: full ? 'full' : 'masked' });
    }
    const isApplicant = user.roles.includes('applicant') && view.applicant.sub === user.sub;
    if (!isApplicant) await this.accessLog.record(user, id, shown, PURPOSE);
    return {
      caseId: id,
      answers,
      masked: shown.filter((entry) => entry.shown === 'masked').map((entry) => entry.key),
    };
  }
}

/** Whether this caller needs a personal field in full (the caller already may see the case). */
function needsInFull(
  user: Identity,
  applicantSub: string,
  usedBy: string[],
  officerItems: Set<string>,
): boolean {
  if (user.roles.includes('applicant') && user.sub === applicantSub) return true;
  // visibleCase let the clerk through: the window serving the case checks identity.
  if (user.roles.includes('clerk')) return true;
  if (user.roles.includes('officer')) {
    return usedBy.includes('bundle') || usedBy.some((item) => officerItems.has(item));
  }
  return false;
}
