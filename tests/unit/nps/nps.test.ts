/**
 * NPS on answers worked out by hand, joined to the ten-customer shop of the segments test (C1 … C10).
 *
 * Latest answer of each customer: C1 10, C2 9, X99 10 (promoters: 3); C3 8, C5 7 (passives: 2; C5's 3 in May is
 * replaced by their later 7); C4 6, C6 0 (detractors: 2). C7's 11 and C8's empty score are rejected with their lines.
 * n = 7, p = 3/7, d = 2/7: NPS = 100 × 1/7 = 14.2857 points; margin = 1.96 × 100 × √((5/7 − 1/49) / 7) = 61.709.
 * Values: promoters C1 (500, 5 purchases) and C2 (50, 1); passives C3 (320, 4) and C5 (800, 4); detractors C4
 * (120, 2) and C6 (450, 3).
 */
import { describe, expect, it } from 'vitest';
import { detractorsToCall, npsReport, npsScore, readNpsFile, type CustomerValues } from '../../../src/core/nps';

const SURVEY = [
  'Mã khách hàng;Điểm;Ngày trả lời;Nhận xét',
  'C1;10;05/06/2024;Rất hài lòng',
  'C2;9;10/06/2024;',
  'C3;8;12/06/2024;Ổn',
  'C4;6;15/06/2024;Giao chậm',
  'C5;3;20/05/2024;Hàng lỗi',
  'C5;7;25/06/2024;Đã đổi hàng',
  'C6;0;01/06/2024;',
  'X99;10;02/06/2024;Không phải khách',
  'C7;11;03/06/2024;',
  'C8;;04/06/2024;',
].join('\r\n');

const ids = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10'];
const values: CustomerValues = {
  codeOf: new Map(ids.map((id, i) => [id, i])),
  revenue: [500, 50, 320, 120, 800, 450, 40, 600, 40, 10],
  purchases: [5, 1, 4, 2, 4, 3, 1, 2, 2, 1],
  predictedClv: null,
  pAlive: null,
};

describe('reading survey answers', () => {
  const file = readNpsFile(new TextEncoder().encode(SURVEY), 'khao-sat.csv');

  it('finds the columns by their Vietnamese names and reads day-first dates', () => {
    expect(file.mapping).toEqual({ customer: 0, score: 1, date: 2, comment: 3 });
    expect(file.answers.find((a) => a.customerId === 'C5' && a.score === 7)?.comment).toBe('Đã đổi hàng');
  });

  it('accounts for every row: 10 read = 8 answers + 2 rejected, each with its line', () => {
    expect(file.rowsRead).toBe(10);
    expect(file.answers).toHaveLength(8);
    const byCode = Object.fromEntries(file.rejected.map((g) => [g.code, g.examples.map((e) => e.line)]));
    expect(byCode).toEqual({ 'score-range': [10], 'missing-score': [11] });
  });

  it('reads Thai headers and Buddhist-era years', () => {
    const thai = readNpsFile(new TextEncoder().encode('รหัสลูกค้า,คะแนน,วันที่\nC1,9,05/06/2567\nC2,4,06/06/2567\n'), 'แบบสอบถาม.csv');
    expect(thai.answers.map((a) => [a.customerId, a.score])).toEqual([['C1', 9], ['C2', 4]]);
    expect(new Date(thai.answers[0].day * 86_400_000).toISOString().slice(0, 10)).toBe('2024-06-05');
  });
});

describe('NPS', () => {
  const file = readNpsFile(new TextEncoder().encode(SURVEY), 'khao-sat.csv');
  const report = npsReport(file.answers, values);

  it('counts each customer once, by their latest answer, with the margin of error worked out by hand', () => {
    expect(report).toMatchObject({ answerRows: 8, answers: 7, promoters: 3, passives: 2, detractors: 2, matched: 6, unmatched: 1, unmatchedIds: ['X99'] });
    expect(report.score).toBeCloseTo(100 / 7, 10);
    expect(report.marginOfError).toBeCloseTo(61.709, 3);
  });

  it('sets the groups side by side with their value', () => {
    expect(report.byGroup.promoter).toMatchObject({ customers: 2, revenue: 550, averageHistoricalClv: 275, repeatRate: 0.5, averagePredictedClv: null });
    expect(report.byGroup.passive).toMatchObject({ customers: 2, revenue: 1120, averageHistoricalClv: 560, repeatRate: 1 });
    expect(report.byGroup.detractor).toMatchObject({ customers: 2, revenue: 570, averageHistoricalClv: 285, repeatRate: 1 });
  });

  it('follows the months: May had one answer, a detractor (−100 ± 0); June is the whole picture', () => {
    expect(report.trend.map((t) => [t.month, t.answers, Math.round(t.score * 1000) / 1000])).toEqual([['2024-05', 1, -100], ['2024-06', 7, 14.286]]);
    expect(report.trend[0].marginOfError).toBe(0);
  });

  it('lists the detractors worth calling first: C6 (450) before C4 (120)', () => {
    expect(detractorsToCall(report, values).map((d) => [ids[d.customer], d.value, d.score])).toEqual([['C6', 450, 0], ['C4', 120, 6]]);
  });

  it('a score from counts: all promoters is 100 with no margin; an even split of promoters and detractors is 0 ± 98', () => {
    expect(npsScore(5, 0, 0)).toMatchObject({ score: 100, marginOfError: 0 });
    const split = npsScore(50, 0, 50);
    expect(split.score).toBe(0);
    // p = d = 0.5: √(1 / 100) × 196 = 19.6 for n = 100.
    expect(split.marginOfError).toBeCloseTo(19.6, 10);
  });
});
