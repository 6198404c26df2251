import { CaseService } from '@onevisit/engine';
import {
  APPLICANT,
  CLERK,
  eventually,
  FLOW_ID_NUMBER,
  FLOW_PHONE,
  FlowApp,
  officer,
  statusOf,
} from '../support/flow-app.js';

/**
 * 容缺受理, expired: a working day lasts WORKING_DAY_MS here, so the supplement deadline
 * timer (a BullMQ delayed job) fires within the test and the worker applies the rule.
 */
const WORKING_DAY_MS = 150;

const NEWBORN_ANSWERS = {
  applicantName: '李梅',
  applicantIdNumber: FLOW_ID_NUMBER,
  applicantPhone: FLOW_PHONE,
  relationshipToChild: 'mother',
  babyName: '李小明',
  babyGender: 'male',
  babyBirthDate: '2030-03-01',
  midwiferyInstitution: '卫东区妇幼保健院',
  fatherName: '王强',
  fatherIdNumber: FLOW_ID_NUMBER,
  motherName: '李梅',
  motherIdNumber: FLOW_ID_NUMBER,
  registerWithParent: 'mother',
  householdRegistrationAddress: '卫东区人民路 8 号',
  vaccinationClinic: '卫东区社区卫生服务中心',
  cardCollectionMethod: 'window',
};

const COMPANY_ANSWERS = {
  applicantName: '张三',
  applicantIdNumber: FLOW_ID_NUMBER,
  applicantPhone: FLOW_PHONE,
  companyName: '卫东贸易有限公司',
  companyType: 'limited-liability',
  registeredCapital: 50,
  businessScope: '日用品销售',
  businessAddress: '卫东区人民路 9 号',
  legalRepresentativeName: '张三',
  legalRepresentativeIdNumber: FLOW_ID_NUMBER,
  sealSet: 'basic',
  invoiceKind: 'vat-ordinary',
  invoiceMonthlyQuantity: 25,
  financialOfficerName: '李会计',
  financialOfficerPhone: '13900139000',
  employeeCount: 3,
  housingFundContributionRate: 10,
  preferredBank: '卫东农商银行',
  appointmentDate: '2030-01-15',
};

/** Flows wait on real queues: more than Jest's default per test. */
const FLOW_TIMEOUT_MS = 60000;

describe('deficiency-tolerant acceptance (容缺受理) whose supplement deadline passes', () => {
  let f: FlowApp;
  const saved = process.env.TIMER_WORKING_DAY_MS;

  beforeAll(async () => {
    process.env.TIMER_WORKING_DAY_MS = String(WORKING_DAY_MS);
    f = await FlowApp.start('flow-deficiency');
    await f.publishSeeded();
  }, FLOW_TIMEOUT_MS);
  afterAll(async () => {
    await f.close();
    if (saved === undefined) delete process.env.TIMER_WORKING_DAY_MS;
    else process.env.TIMER_WORKING_DAY_MS = saved;
  });

  const smsTemplates = async (caseId: string) =>
    (await f.messages('sms', caseId)).map((message) => String(message.payload.template));

  it(
    'suspend-case (newborn): item events are refused while suspended; supplying resumes',
    async () => {
      const started = await f.post(APPLICANT, '/cases', {
        bundleCode: 'newborn',
        answers: NEWBORN_ANSWERS,
      });
      expect(started.status).toBe(201);
      const caseId = (started.body as { id: string }).id;
      const accepted = await f.post(CLERK, `/cases/${caseId}/intake`, {
        decision: 'accept-with-deficiencies',
        missing: ['id-photo'],
      });
      expect(accepted.status).toBe(200);
      expect(accepted.body.applicantTodo).toEqual([
        { action: 'supply-materials', materials: ['id-photo'] },
      ]);

      const suspended = await f.waitForCase(
        caseId,
        (view) => view.status === 'suspended',
        'suspended after the deadline',
      );
      // The applicant is told what to do to resume, on the tracking page and by SMS.
      expect(suspended.applicantTodo).toEqual([
        { action: 'supply-materials', materials: ['id-photo'] },
      ]);
      await eventually(async () =>
        (await smsTemplates(caseId)).includes('supplement-expired-suspended'),
      );

      const health = officer('health');
      const refused = await f.completeTask(
        health,
        caseId,
        'review',
        'birth-medical-certificate-issuance',
        'done',
      );
      expect(refused.status).toBe(409);
      expect(statusOf(await f.view(caseId), 'birth-medical-certificate-issuance')).toBe('review');

      const supplied = await f.http
        .post(`/cases/${caseId}/materials`)
        .auth(await f.token(APPLICANT), { type: 'bearer' })
        .field('material', 'id-photo')
        // A JPEG's signature bytes, then anything.
        .attach(
          'file',
          Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('photo')]),
          {
            filename: 'photo.jpg',
            contentType: 'image/jpeg',
          },
        );
      expect(supplied.status).toBe(200);
      expect(supplied.body).toMatchObject({ status: 'processing', missing: [], applicantTodo: [] });
      await eventually(async () => (await smsTemplates(caseId)).includes('case-resumed'));

      const resumed = await f.completeTask(
        health,
        caseId,
        'review',
        'birth-medical-certificate-issuance',
        'done',
      );
      expect(resumed.status).toBe(200);
      expect(statusOf(resumed.body.case, 'birth-medical-certificate-issuance')).toBe('decision');
      expect((await f.app.get(CaseService).replayCase(caseId)).matches).toBe(true);
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'end-affected-items (start a company): the item ends not completed, its dependants not applicable',
    async () => {
      const started = await f.post(APPLICANT, '/cases', {
        bundleCode: 'start-a-company',
        answers: COMPANY_ANSWERS,
      });
      const caseId = (started.body as { id: string }).id;
      const accepted = await f.post(CLERK, `/cases/${caseId}/intake`, {
        decision: 'accept-with-deficiencies',
        missing: ['premises-use-proof'],
      });
      expect(accepted.status).toBe(200);
      const registration = 'company-establishment-registration';
      // Review goes on; the decision waits for the missing material.
      const reviewed = await f.completeTask(
        officer('market-regulation'),
        caseId,
        'review',
        registration,
        'done',
      );
      expect(statusOf(reviewed.body.case, registration)).toBe('awaiting-material');

      const ended = await f.waitForCase(
        caseId,
        (view) => statusOf(view, registration) === 'not-completed',
        'registration ended by the deadline',
      );
      for (const item of ended.items.filter((entry) => entry.item !== registration)) {
        expect(item).toMatchObject({ status: 'not-applicable' });
      }
      // Nothing is left to supply nor to collect, and no task of this case stays open.
      expect(ended.applicantTodo).toEqual([]);
      expect(await f.openTasks(officer('market-regulation'), caseId)).toEqual([]);
      await eventually(async () =>
        (await smsTemplates(caseId)).includes('supplement-expired-items-ended'),
      );
      expect((await f.app.get(CaseService).replayCase(caseId)).matches).toBe(true);
    },
    FLOW_TIMEOUT_MS,
  );
});
