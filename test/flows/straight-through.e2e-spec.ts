import { CaseService } from '@onevisit/engine';
import { LicenceEntity } from '@onevisit/persistence';
import {
  APPLICANT,
  CLERK,
  FLOW_ID_NUMBER,
  FLOW_PHONE,
  FlowApp,
  officer,
  statusOf,
  SUPERVISOR,
} from '../support/flow-app.js';

const REGISTRATION = 'company-establishment-registration';
/** The five items that need the business licence, each with its department. */
const DEPENDANTS: Record<string, string> = {
  'seal-engraving-filing': 'public-security',
  'first-invoice-application': 'taxation',
  'employer-social-insurance-registration': 'human-resources-social-security',
  'employer-housing-fund-registration': 'housing-provident-fund',
  'bank-account-appointment': 'bank',
};

const COMPANY_ANSWERS = {
  applicantName: '张三',
  applicantIdNumber: FLOW_ID_NUMBER,
  applicantPhone: FLOW_PHONE,
  companyName: '卫东科技有限公司',
  companyType: 'limited-liability',
  registeredCapital: 100,
  businessScope: '软件开发',
  businessAddress: '卫东区人民路 8 号',
  legalRepresentativeName: '张三',
  legalRepresentativeIdNumber: FLOW_ID_NUMBER,
  sealSet: 'basic',
  invoiceKind: 'vat-ordinary',
  invoiceMonthlyQuantity: 25,
  financialOfficerName: '李会计',
  financialOfficerPhone: '13900139000',
  employeeCount: 5,
  housingFundContributionRate: 12,
  preferredBank: '卫东农商银行',
  appointmentDate: '2030-01-15',
};

/** Flows wait on real queues: more than Jest's default per test. */
const FLOW_TIMEOUT_MS = 60000;

describe('straight through with the real worker: start a company (企业开办)', () => {
  let f: FlowApp;

  beforeAll(async () => {
    f = await FlowApp.start('flow-straight');
    await f.publishSeeded();
  }, FLOW_TIMEOUT_MS);
  afterAll(() => f.close());

  it(
    'runs start → accept → officers → licences by the worker → delivery → rating → rectification',
    async () => {
      const started = await f.post(APPLICANT, '/cases', {
        bundleCode: 'start-a-company',
        answers: COMPANY_ANSWERS,
      });
      expect(started.status).toBe(201);
      const caseId = (started.body as { id: string }).id;
      // Nothing to do for the applicant while the window decides intake.
      expect((await f.view(caseId)).applicantTodo).toEqual([]);

      // 补正: the window tells every problem at once; the tracking view says what to resubmit.
      const problem = { field: 'businessScope', message: '经营范围表述不规范' };
      const asked = await f.post(CLERK, `/cases/${caseId}/intake`, {
        decision: 'request-correction',
        problems: [problem],
      });
      expect(asked.body).toMatchObject({ status: 'correction' });
      expect((await f.view(caseId)).applicantTodo).toEqual([
        { action: 'resubmit', problems: [problem] },
      ]);
      const resubmitted = await f.post(APPLICANT, `/cases/${caseId}/resubmit`, {
        answers: { businessScope: '软件开发；技术服务' },
      });
      expect(resubmitted.body).toMatchObject({ status: 'intake', applicantTodo: [] });

      const accepted = await f.post(CLERK, `/cases/${caseId}/intake`, { decision: 'accept' });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ status: 'processing', applicantTodo: [] });
      // The registration item asks for no licence; its dependants wait for its output.
      const mr = officer('market-regulation');
      expect((await f.completeTask(mr, caseId, 'review', REGISTRATION, 'done')).status).toBe(200);
      const decided = await f.completeTask(mr, caseId, 'decision', REGISTRATION, 'approve');
      expect(decided.status).toBe(200);

      // The worker issues the business licence and reports it: the item is approved.
      const issued = await f.waitForCase(
        caseId,
        (view) => statusOf(view, REGISTRATION) === 'approved',
        'registration approved',
      );
      const businessLicence = issued.licences.find((l) => l.item === REGISTRATION);
      expect(businessLicence?.number).toMatch(/^BL-/);
      // 免证可办: the licence made in the case supplies the dependants' material, unasked.
      expect(issued.materials).toContainEqual(
        expect.objectContaining({
          material: 'business-licence',
          source: 'case-licence',
          licenceNumber: businessLicence?.number,
        }),
      );
      expect(issued.missing).not.toContain('business-licence');
      expect(issued.applicantTodo).toEqual([]);

      // Each department works its item in parallel.
      for (const [item, department] of Object.entries(DEPENDANTS)) {
        const who = officer(department);
        expect((await f.completeTask(who, caseId, 'review', item, 'done')).status).toBe(200);
        expect((await f.completeTask(who, caseId, 'decision', item, 'approve')).status).toBe(200);
      }
      const ready = await f.waitForCase(
        caseId,
        (view) => view.status === 'delivery',
        'all results issued',
      );
      expect(ready.items.map((i) => i.status)).toEqual(ready.items.map(() => 'approved'));
      expect(ready.applicantTodo).toEqual([{ action: 'collect-results' }]);
      expect(ready.licences.filter((l) => l.number !== null)).toHaveLength(6);

      // Every licence the worker sealed verifies as valid.
      const rows = await f.dataSource.getRepository(LicenceEntity).findBy({ caseId });
      expect(rows).toHaveLength(6);
      for (const row of rows) {
        const verified = await f.getPublic(`/licences/${row.number}/verify`);
        expect(verified.body).toMatchObject({ number: row.number, status: 'valid' });
      }

      const delivered = await f.post(CLERK, `/cases/${caseId}/deliver`, { method: 'online' });
      expect(delivered.body).toMatchObject({
        status: 'delivered',
        applicantTodo: [{ action: 'rate' }],
      });
      const rated = await f.post(APPLICANT, `/cases/${caseId}/rating`, {
        level: 1,
        comment: '窗口排队太久',
      });
      expect(rated.status).toBe(200);
      expect(rated.body).toMatchObject({ status: 'closed', applicantTodo: [] });
      // 差评整改: a very dissatisfied rating under a real name opens a rectification task.
      const followUps = await f.openTasks(SUPERVISOR, caseId);
      expect(followUps.map((task) => task.kind)).toEqual(['rating-follow-up']);

      // The applicant was told at acceptance, when the results were ready and at delivery.
      const templates = await eventuallyTemplates(f, caseId, ['delivered']);
      expect(templates).toEqual(expect.arrayContaining(['accepted', 'results-ready', 'delivered']));
      expect((await f.app.get(CaseService).replayCase(caseId)).matches).toBe(true);
    },
    FLOW_TIMEOUT_MS,
  );
});

/** The SMS templates sent for a case, once all of `awaited` are among them. */
async function eventuallyTemplates(f: FlowApp, caseId: string, awaited: string[]) {
  const deadline = Date.now() + 15000;
  for (;;) {
    const templates = (await f.messages('sms', caseId)).map((m) => String(m.payload.template));
    if (awaited.every((t) => templates.includes(t)) || Date.now() > deadline) return templates;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
