import request from 'supertest';
import { CaseService } from '@onevisit/engine';
import { SMS_GATEWAY, type SmsGateway } from '@onevisit/integrations';
import { IncidentEntity } from '@onevisit/persistence';
import {
  eventually,
  publishSeeded,
  startRestaurantCase,
  startWorkerTestApp,
  TEST_ACTOR,
  type WorkerTestApp,
} from './worker-test-app.js';

/** An SMS operator that is down until the test brings it back. */
class FlakySms implements SmsGateway {
  up = false;
  readonly sent: string[] = [];
  send(messageId: string): Promise<void> {
    if (!this.up) return Promise.reject(new Error('SMS operator unreachable'));
    this.sent.push(messageId);
    return Promise.resolve();
  }
}

const ENV = { QUEUE_NOTIFICATIONS_ATTEMPTS: '2', QUEUE_NOTIFICATIONS_BACKOFF_MS: '10' };

describe('incidents: a job out of retries is listed and retried by an admin', () => {
  let t: WorkerTestApp;
  let admin: string;
  const sms = new FlakySms();
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    // Job options are read when the relay enqueues: two quick attempts for notifications.
    Object.assign(process.env, ENV);
    t = await startWorkerTestApp('incidents', [{ provide: SMS_GATEWAY, useValue: sms }]);
    admin = await t.token({ sub: 'admin-1', roles: ['admin'] });
    await publishSeeded(t);
  });
  afterAll(async () => {
    for (const key of Object.keys(ENV)) delete process.env[key];
    await t.close();
  });

  it('records the failed notification as an incident, then runs it again under the same job id', async () => {
    const started = await startRestaurantCase(t);
    await t.app.get(CaseService).apply(started.id, { type: 'ACCEPT' }, TEST_ACTOR);

    const open = await eventually(async () => {
      const response = await http().get('/admin/incidents').auth(admin, { type: 'bearer' });
      const listed = response.body as IncidentEntity[];
      return listed.find((incident) => incident.payload.caseId === started.id) ?? null;
    });
    expect(open).toMatchObject({
      queue: 'notifications',
      jobName: 'notification.send',
      attempts: 2,
      resolvedAt: null,
      payload: { caseId: started.id, template: 'accepted' },
    });
    expect(open.error).toContain('SMS operator unreachable');
    expect(sms.sent).toEqual([]);

    await http().get('/admin/incidents').expect(401);
    const officer = await t.token({ sub: 'o', roles: ['officer'], department: 'water' });
    await http().get('/admin/incidents').auth(officer, { type: 'bearer' }).expect(403);

    sms.up = true;
    const retried = await http()
      .post(`/admin/incidents/${open.id}/retry`)
      .auth(admin, { type: 'bearer' })
      .expect(200);
    expect(retried.body).toMatchObject({ id: open.id, resolvedBy: 'admin-1' });
    await eventually(() => Promise.resolve(sms.sent.includes(open.jobId)));
    expect(sms.sent).toEqual([open.jobId]);

    const after = await http().get('/admin/incidents').auth(admin, { type: 'bearer' }).expect(200);
    expect((after.body as IncidentEntity[]).map((incident) => incident.id)).not.toContain(open.id);
    await http()
      .post(`/admin/incidents/${open.id}/retry`)
      .auth(admin, { type: 'bearer' })
      .expect(409);
    const row = await t.dataSource.getRepository(IncidentEntity).findOneByOrFail({ id: open.id });
    expect(row.resolvedAt).not.toBeNull();
  });
});
