import { restaurantBundle } from './testing/restaurant.fixture.js';
import { buildNotification } from './build-notification.js';

describe('buildNotification', () => {
  it('sorts the materials into bring, may come later, held licences and produced in case', () => {
    const n = buildNotification(restaurantBundle());
    const codes = (list: { material: string }[]) => list.map((entry) => entry.material);
    expect(codes(n.bring)).toEqual(['id-card', 'floor-plan', 'sign-design']);
    expect(codes(n.mayComeLater)).toEqual(['lease', 'health-cert', 'supplier-contract']);
    expect(n.supplementDeadlineDays).toBe(10);
    expect(n.producedInCase).toEqual([
      expect.objectContaining({
        material: 'biz-licence-copy',
        licenceType: 'business-licence',
        items: ['food-licence'],
      }),
    ]);
    expect(n.fromHeldLicences).toEqual([]);

    const resolved = restaurantBundle();
    resolved.bundle.items = resolved.bundle.items.filter((entry) => entry.item !== 'biz-licence');
    resolved.bundle.items[0] = { item: 'food-licence' };
    expect(codes(buildNotification(resolved).fromHeldLicences)).toEqual(['biz-licence-copy']);
  });

  it('lists the items with departments and limits, and the critical path', () => {
    const n = buildNotification(restaurantBundle());
    expect(n.items.find((item) => item.item === 'fire-check')).toMatchObject({
      departmentName: { zh: '消防救援大队', en: 'Fire and rescue' },
      promisedLimitDays: 7,
      conditional: false,
      specialProcedures: [{ maxDays: 3 }, { maxDays: 5 }],
    });
    expect(n.items.find((item) => item.item === 'signboard')).toMatchObject({
      conditional: true,
      commitmentAllowed: true,
    });
    // 3 + 10 + 2 beats fire-check's 7.
    expect(n.criticalPath).toEqual(['biz-licence', 'food-licence', 'liquor-filing']);
    expect(n.estimatedDays).toBe(15);
    expect(n.bundle).toEqual({
      code: 'open-restaurant',
      name: { zh: '开餐馆', en: 'Open a restaurant' },
      version: 3,
    });
  });

  it('prints headed sections with one line per material, in Chinese and English', () => {
    const { text } = buildNotification(restaurantBundle());
    expect(text.zh).toContain('开餐馆（第3版） — 一次性告知书');
    expect(text.zh).toContain(
      '二、申请时请携带的材料\n  1. 身份证（原件/电子版；用于：营业执照、公众聚集场所投入使用前消防安全检查、酒类零售备案）',
    );
    expect(text.zh).toContain('  1. 租赁合同（复印件；用于：营业执照），受理后10个工作日内补交');
    expect(text.zh).toContain('由本次办理签发的营业执照提供');
    expect(text.zh).toContain('预计15个工作日');
    expect(text.en).toContain(
      '2. Materials to bring when applying\n  1. ID card (original, electronic; for: Business licence',
    );
    expect(text.en).toContain('4. Materials a licence you already hold replaces\n  (none)');
    expect(text.en).toContain(
      'About 15 working days (longest chain: Business licence → Food-operation licence → Liquor retail filing)',
    );
    const materialLines = text.en
      .split('\n')
      .filter((line) => /^ {2}\d+\. .*\(.*; for: /.test(line));
    expect(materialLines).toHaveLength(7);
  });
});
