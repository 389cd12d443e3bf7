/**
 * The Forecast tab's words: plurals as each language says them, the next purchase, and the plain-words summary
 * rendered on a real forecast (CDNOW sample), reliable and not.
 */
import { render } from 'svelte/server';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../src/i18n';
import { locale, t } from '../../../src/state/locale.svelte';
import { formatDate, formatInteger } from '../../../src/lib/format';
import { nextPurchaseWords } from '../../../src/views/forecast-words';
import ForecastSummary from '../../../src/views/ForecastSummary.svelte';
import { compareModels, fitForecast, ForecastPredictor, type ModelFit } from '../../../src/core/forecast/models';
import { forecastAnswer, resolveAnswer, type ForecastView } from '../../../src/core/forecast/view';
import { DEFAULT_PREDICTION_SETTINGS } from '../../../src/core/forecast/settings';
import type { HoldoutReport } from '../../../src/core/forecast';
import type { CustomerSummary } from '../../../src/core/types';
import { referenceSummary } from './reference-files';

beforeAll(() => Promise.all([loadCatalogue('vi'), loadCatalogue('th')]));
afterEach(() => {
  locale.code = 'en';
});

describe('plurals', () => {
  it('English says “1 week”, “2 weeks”, “the next month”, “the next 12 months”', () => {
    expect(nextPurchaseWords(1, 'week', '1998-06-30')).toBe('in 1 week (around Jul 7, 1998)');
    expect(nextPurchaseWords(2.4, 'week', '1998-06-30')).toBe('in 2 weeks (around Jul 17, 1998)');
    expect(nextPurchaseWords(1, 'day', '1998-06-30')).toBe('in 1 day (around Jul 1, 1998)');
    expect(nextPurchaseWords(12, 'day', '1998-06-30')).toBe('in 12 days (around Jul 12, 1998)');
    expect(t('predict.kpi.expected', { months: 1 })).toBe('Purchases expected in the next month');
    expect(t('predict.kpi.expected', { months: 12 })).toBe('Purchases expected in the next 12 months');
    expect(t('predict.summary.title', { months: 1 })).toBe('What the next month may bring');
    expect(t('predict.summary.topNote.clv', { count: 1 })).toBe('1 customer brings this share of the predicted value');
    expect(t('predict.summary.topNote.clv', { count: '1,234' })).toBe('1,234 customers bring this share of the predicted value');
    expect(t('predict.detail.history', { n: 1 })).toBe('Purchase history (1 purchase day)');
    expect(t('holdout.period', { from: 'a', to: 'b', customers: '2,349' })).toMatch(/for 2,349 customers known/);
  });

  it('Vietnamese and Thai have no plural forms: one wording, with the number', () => {
    locale.code = 'vi';
    expect(nextPurchaseWords(1, 'week', '1998-06-30')).toBe(`sau 1 tuần (khoảng ${formatDate('1998-07-07', 'vi-VN')})`);
    expect(nextPurchaseWords(2, 'week', '1998-06-30')).toBe(`sau 2 tuần (khoảng ${formatDate('1998-07-14', 'vi-VN')})`);
    expect(t('predict.kpi.expected', { months: 1 })).toBe('Số lần mua dự kiến trong 1 tháng tới');
    locale.code = 'th';
    expect(nextPurchaseWords(1, 'week', '1998-06-30')).toBe(`อีก 1 สัปดาห์ (ประมาณ ${formatDate('1998-07-07', 'th-TH')})`);
    expect(t('predict.kpi.expected', { months: 12 })).toBe('การซื้อที่คาดไว้ใน 12 เดือนข้างหน้า');
  });

  it('a wait that rounds to nothing is “within a week”; beyond five years, none is promised; without one, “none expected”', () => {
    expect(nextPurchaseWords(0.4, 'week', '1998-06-30')).toBe('within a week (around Jul 3, 1998)');
    expect(nextPurchaseWords(0.2, 'day', '1998-06-30')).toBe('within a day (around Jun 30, 1998)');
    expect(nextPurchaseWords(261, 'week', '1998-06-30')).toBe('not within 5 years');
    expect(nextPurchaseWords(260, 'week', '1998-06-30')).toMatch(/^in 260 weeks \(around Jun \d+, 2003\)$/);
    expect(nextPurchaseWords(NaN, 'week', '1998-06-30')).toBe('none expected');
  });

  it('the table’s short form dates a near wait by day and month, a far one by month and year', () => {
    expect(nextPurchaseWords(3, 'week', '1998-06-30', true)).toBe('in 3 weeks (around Jul 21)');
    expect(nextPurchaseWords(45, 'week', '1998-06-30', true)).toBe('in 45 weeks (around May 1999)');
  });
});

describe('the plain-words summary', () => {
  const { summary: s } = referenceSummary('cdnow/cdnow_sample_cal39w_summary.csv');
  const summary = s as CustomerSummary;
  const ids = Array.from(summary.customer, (i) => String(i + 1));
  const fitted = fitForecast(summary, 'bgnbd');
  const fits = compareModels(summary);
  const settings = { ...DEFAULT_PREDICTION_SETTINGS, timeUnit: 'week' as const };

  function view(fit: ModelFit = fitted.fit): ForecastView {
    const forecast = new ForecastPredictor(summary, { ...fitted, fit }).predict({ timeUnit: 'week', horizonMonths: 12, monthlyDiscountRate: 0.008, margin: 1 });
    const answer = forecastAnswer({ settings, margin: { rate: 1, source: 'none' }, observationEnd: '1997-09-30', forecast, baseId: 'x', refitted: true, timings: { fitMs: 0, predictMs: 0 } }, { ids, summary }, true);
    return resolveAnswer(answer, null);
  }
  const text = (html: string) => html.replace(/<!--[^>]*-->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

  it('says how many customers are likely still buying, the purchases and value ahead with their 90% ranges, and who drives it', () => {
    const v = view();
    const { body } = render(ForecastSummary, { props: { result: v, fits, holdout: null, currency: 'USD' } });
    const words = text(body);
    const totals = v.forecast.totals;
    expect(words).toContain('What the next 12 months may bring');
    expect(words).toContain(`${formatInteger(Math.round(totals.likelyActive), 'en-US')} of 2,357`);
    expect(words).toContain(`90% range: ${formatInteger(totals.expectedPurchasesLow, 'en-US')} to ${formatInteger(totals.expectedPurchasesHigh, 'en-US')}`);
    expect(words).toContain(`${formatInteger(v.top!.count, 'en-US')} customers bring this share of the predicted value`);
    expect(v.top!.count).toBe(236);
    expect(body).not.toContain('data-testid="forecast-caution"');
    expect(words).toContain('Your data pin BG/NBD down well');
    // MBG/NBD has the lowest BIC on this file and can be trusted.
    expect(words).toContain('MBG/NBD fits your data better and can be trusted: choose it under Model and fit again.');
    expect(words).toContain('Run the check below to see how BG/NBD would have done on your past data.');
    expect(words).not.toMatch(/Could be far off/);
  });

  it('puts the caution first when the fit cannot be trusted, marks every figure, and shows no range', () => {
    const shaky: ModelFit = { ...fitted.fit, reliability: { reliable: false, worstRelativeError: 3.3, reasons: [{ code: 'dropout-unknown', text: '…', vars: { params: 'a, b' } }] } };
    const none = fits.map((f) => ({ ...f, reliability: { ...f.reliability, reliable: false } }));
    const { body } = render(ForecastSummary, { props: { result: view(shaky), fits: none, holdout: null, currency: 'USD' } });
    const words = text(body);
    expect(body).toContain('data-testid="forecast-caution"');
    expect(words.indexOf('Treat these figures with caution')).toBeLessThan(words.indexOf('Customers likely still buying'));
    expect(words).toContain('Your data cannot tell how quickly customers stop buying, so the share still active and the value ahead could be far off. What helps: a longer history');
    // The active customers and purchases carry the caution; the value and the top 10% carry the money one.
    expect(words.match(/⚠ Could be far off: see the caution above\./g)).toHaveLength(2);
    expect(words.match(/⚠ The money figures could be far off/g)).toHaveLength(2);
    expect(words).not.toContain('90% range');
    expect(words).toContain('BG/NBD is not reliable on your data');
    expect(words).toContain('None of the three models can be trusted on your data, so none is recommended; these figures come from BG/NBD.');
  });

  it('tells the holdout check in words with a verdict, and in Vietnamese', () => {
    const check = { model: 'bgnbd', predictedTotal: 1653.4, actualTotal: 1882, errorPercent: -12.15, mae: 0, rmse: 0, byFrequency: [], message: null, params: [], reliability: fitted.fit.reliability };
    const holdout = { calibrationEnd: '1997-09-30', observationEnd: '1998-06-30', holdoutDuration: 39, customers: 2357, checks: [check], tracking: [null] } as unknown as HoldoutReport;
    const en = text(render(ForecastSummary, { props: { result: view(), fits, holdout, currency: 'USD' } }).body);
    expect(en).toContain('Checked on your past data: fitted on the purchases up to Sep 30, 1997, BG/NBD predicted 1,653 purchases for the time after; 1,882 happened (-12.2%). That is roughly right.');
    locale.code = 'vi';
    const vi = text(render(ForecastSummary, { props: { result: view(), fits, holdout, currency: 'USD' } }).body);
    expect(vi).toContain(`Đã đối chiếu với dữ liệu quá khứ: khớp trên các lần mua đến ${formatDate('1997-09-30', 'vi-VN')}, BG/NBD dự báo 1.653 lần mua cho giai đoạn sau đó; thực tế có 1.882 (-12,2%). Đúng ở mức tương đối.`);
  });
});
