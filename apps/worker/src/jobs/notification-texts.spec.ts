import { isNotifyTemplate, notificationText } from './notification-texts.js';

const facts = {
  bundleName: { zh: '开餐馆', en: 'Open a restaurant' },
  caseRef: 'C-1234ABCD',
  itemName: { zh: '食品经营许可', en: 'Food-operation licence' },
  reason: '虚假承诺',
};

describe('notification texts', () => {
  it('names the bundle and the case reference', () => {
    const text = notificationText('accepted', facts);
    expect(text).toContain('开餐馆');
    expect(text).toContain('C-1234ABCD');
  });

  it('names the item and the reason where the template is about one item', () => {
    const text = notificationText('post-check-failed', facts);
    expect(text).toContain('食品经营许可');
    expect(text).toContain('虚假承诺');
    expect(notificationText('item-denied', { ...facts, reason: undefined })).not.toContain('原因');
  });

  it('knows the machine templates and nothing else', () => {
    expect(isNotifyTemplate('delivered')).toBe(true);
    expect(isNotifyTemplate('toString')).toBe(false);
    expect(isNotifyTemplate('welcome')).toBe(false);
  });
});
