import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import type { Identity } from '@onevisit/auth';
import { BundleService, CatalogueService, readWorkflowTree } from '@onevisit/catalogue';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { seededBundles, WORKFLOWS_ROOT } from '../support/workflow-fixtures.js';

/** Every caller the security tests try: each role, on its own case/department and another's. */
export const CALLERS = [
  'anonymous',
  'applicant',
  'applicant-other',
  'clerk',
  'clerk-other',
  'officer',
  'officer-other',
  'admin',
  'supervisor',
] as const;
export type Caller = (typeof CALLERS)[number];

const IDENTITIES: Record<
  Exclude<Caller, 'anonymous'>,
  Partial<Identity> & Pick<Identity, 'roles'>
> = {
  applicant: { sub: 'zhang-san', name: '张三', roles: ['applicant'] },
  'applicant-other': { sub: 'li-si', name: '李四', roles: ['applicant'] },
  clerk: { sub: 'clerk-1', name: 'Window 1', roles: ['clerk'], window: 'w1' },
  'clerk-other': { sub: 'clerk-2', name: 'Window 2', roles: ['clerk'], window: 'w2' },
  officer: { sub: 'mr-1', roles: ['officer'], department: 'market-regulation' },
  'officer-other': { sub: 'ca-1', roles: ['officer'], department: 'civil-affairs' },
  admin: { sub: 'admin-1', roles: ['admin'] },
  supervisor: { sub: 'sup-1', roles: ['supervisor'] },
};

/** A valid resident ID number (check digit included). */
export const ID_NUMBER = '11010519491231002X';
export const PHONE = '13800138000';

export const RESTAURANT_ANSWERS = {
  applicantName: '张三',
  applicantIdNumber: ID_NUMBER,
  applicantPhone: PHONE,
  floorAreaBand: 'under-300',
  hasOutdoorSignboard: false,
  dischargesWastewater: false,
  companyName: '老王面馆有限公司',
  companyType: 'limited-liability',
  registeredCapital: 100000,
  businessScope: '餐饮服务',
  businessAddress: '北京市东城区一号',
  legalRepresentativeName: '王五',
  legalRepresentativeIdNumber: ID_NUMBER,
  foodBusinessFormat: 'catering',
  cateringCategory: 'hot-food',
  foodSafetyManagerName: '赵六',
};

export interface Route {
  method: string;
  /** OpenAPI template, e.g. `/cases/{id}`. */
  path: string;
  key: string;
}

/** The real API listening on a free port, with the seeded catalogue and bundles. */
export class SecurityApp {
  private constructor(
    readonly t: TestApp,
    readonly base: string,
    readonly tokens: Record<Caller, string | undefined>,
  ) {}

  static async start(label: string): Promise<SecurityApp> {
    const t = await startTestApp(label);
    const tree = await readWorkflowTree(WORKFLOWS_ROOT);
    await t.app.get(CatalogueService).upsert(tree.catalogue);
    for (const bundle of seededBundles()) await t.app.get(BundleService).publish(bundle, 'seed');
    await t.app.listen(0, '127.0.0.1');
    const server = t.app.getHttpServer() as Server;
    const port = (server.address() as AddressInfo).port;
    const tokens = { anonymous: undefined } as Record<Caller, string | undefined>;
    for (const [caller, identity] of Object.entries(IDENTITIES)) {
      tokens[caller as Caller] = await t.token(identity);
    }
    return new SecurityApp(t, `http://127.0.0.1:${port}`, tokens);
  }

  get dataSource(): DataSource {
    return this.t.dataSource;
  }

  /**
   * One call; an event stream is closed once its status is known. JSON bodies by
   * default; `raw` sends the string as given with its content type.
   */
  async call(
    caller: Caller,
    method: string,
    path: string,
    body?: unknown,
    raw?: { contentType: string; text: string | Buffer | FormData },
  ): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = {};
    const token = this.tokens[caller];
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: string | Buffer | FormData | undefined;
    if (raw) {
      if (!(raw.text instanceof FormData)) headers['content-type'] = raw.contentType;
      payload = raw.text;
    } else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const controller = new AbortController();
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: payload as RequestInit['body'],
      signal: controller.signal,
    });
    if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
      controller.abort();
      return { status: response.status, body: undefined };
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.status, body: parsed };
  }

  /** Every operation of the app's own OpenAPI document. */
  async routes(): Promise<Route[]> {
    const { status, body } = await this.call('anonymous', 'GET', '/api/docs-json');
    if (status !== 200) throw new Error(`OpenAPI document: ${status}`);
    const paths = (body as { paths: Record<string, Record<string, unknown>> }).paths;
    const methods = ['get', 'post', 'put', 'patch', 'delete'];
    return Object.entries(paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => methods.includes(method))
        .map((method) => ({
          method: method.toUpperCase(),
          path,
          key: `${method.toUpperCase()} ${path}`,
        })),
    );
  }

  /**
   * A checksum of every table's rows: equal before and after means nothing was written.
   * Rows are sorted by their JSON so the order a database returns them in does not count.
   */
  async checksum(): Promise<string> {
    const hash = createHash('sha256');
    const tables = [...this.dataSource.entityMetadatas].sort((a, b) =>
      a.tableName.localeCompare(b.tableName),
    );
    for (const meta of tables) {
      const rows: unknown[] = await this.dataSource.manager.find(meta.target);
      const lines = rows.map((row) => JSON.stringify(row)).sort();
      hash.update(`${meta.tableName}:${rows.length}\n${lines.join('\n')}\n`);
    }
    return hash.digest('hex');
  }

  async close(): Promise<void> {
    await this.t.close();
  }
}
