import { SignJWT } from 'jose';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('authentication and roles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('auth');
  });
  afterAll(() => t.close());

  it('answers 401 with a JSON body when the token is missing', async () => {
    const response = await request(t.app.getHttpServer()).get('/admin/bundles').expect(401);
    expect(response.body).toMatchObject({
      statusCode: 401,
      message: expect.stringMatching(/bearer token/i),
    });
  });

  it('answers 401 for a malformed, forged or expired token', async () => {
    const server = t.app.getHttpServer();
    await request(server)
      .get('/admin/bundles')
      .set('Authorization', 'Bearer not-a-jwt')
      .expect(401);
    const forged = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setIssuer(t.config.jwt.issuer)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-of-sufficient-length-0000'));
    await request(server)
      .get('/admin/bundles')
      .set('Authorization', `Bearer ${forged}`)
      .expect(401);
    const expired = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setIssuer(t.config.jwt.issuer)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(new TextEncoder().encode(t.config.jwt.secret));
    const response = await request(server)
      .get('/admin/bundles')
      .set('Authorization', `Bearer ${expired}`)
      .expect(401);
    expect(response.body.message).toMatch(/exp/);
  });

  it('ignores header shortcuts that claim an identity', async () => {
    await request(t.app.getHttpServer())
      .get('/admin/bundles')
      .set('X-User', 'admin')
      .set('X-Roles', 'admin')
      .expect(401);
  });

  it('answers 403 for a valid token without the admin role', async () => {
    const clerk = await t.token({ roles: ['clerk'], window: 'w1' });
    const response = await request(t.app.getHttpServer())
      .get('/admin/bundles')
      .set('Authorization', `Bearer ${clerk}`)
      .expect(403);
    expect(response.body).toMatchObject({
      statusCode: 403,
      message: expect.stringMatching(/admin/),
    });
  });

  it('lets an admin in', async () => {
    const admin = await t.token({ roles: ['admin'] });
    const response = await request(t.app.getHttpServer())
      .get('/admin/bundles')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(response.body).toEqual([]);
  });

  it('serves public routes without a token', async () => {
    await request(t.app.getHttpServer()).get('/catalogue/bundles').expect(200, []);
    await request(t.app.getHttpServer()).get('/health').expect(200, { status: 'ok' });
  });

  it('serves the OpenAPI document with the bearer scheme', async () => {
    const response = await request(t.app.getHttpServer()).get('/api/docs-json').expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(response.body.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/admin/bundles/{code}/publish', '/catalogue/bundles']),
    );
    await request(t.app.getHttpServer()).get('/api/docs').expect(200);
  });
});
